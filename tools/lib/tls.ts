// A local certificate authority and a server certificate for the cluster's
// nginx (`npm run cluster`), made with the openssl CLI. The CA is kept in
// .tmp/cluster/tls so that a user who trusted it once keeps trusting it; it is
// name-constrained to localhost and the loopback addresses, so trusting it
// cannot vouch for any other site even if its key leaked. Sync on purpose: the
// cluster's Playwright config (which cannot await) needs the certificate's key.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CommandError, projectRoot } from '../../scripts/lib/process.ts';

export type ClusterTls = {
  dir: string;
  caCertificate: string;
  certificate: string;
  privateKey: string;
  /** base64 SHA-256 of the server certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
};

export const clusterTlsDir = path.join(projectRoot, '.tmp', 'cluster', 'tls');

const CA_SUBJECT = '/CN=Strongroom local cluster CA (localhost only)';
const CA_EXTENSIONS = [
  'basicConstraints=critical,CA:TRUE,pathlen:0',
  'keyUsage=critical,keyCertSign,cRLSign',
  'subjectKeyIdentifier=hash',
  'nameConstraints=critical,permitted;DNS:localhost,permitted;IP:127.0.0.0/255.0.0.0,permitted;IP:0:0:0:0:0:0:0:1/FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF',
];
const SERVER_EXTENSIONS = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature',
  'extendedKeyUsage=serverAuth',
  'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
  'authorityKeyIdentifier=keyid',
];
const DAY_MS = 86_400_000;

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CommandError(missing ? 'openssl is not installed (apt-get install openssl).' : `openssl ${args[0]} failed: ${stderr ?? error}`);
  }
}

/** Still usable for a while, and issued by this CA. */
function isCurrent(certFile: string, issuer?: crypto.X509Certificate): boolean {
  if (!fs.existsSync(certFile)) return false;
  const cert = new crypto.X509Certificate(fs.readFileSync(certFile));
  if (Date.parse(cert.validTo) - Date.now() < 7 * DAY_MS) return false;
  return issuer ? cert.checkIssued(issuer) && cert.verify(issuer.publicKey) : true;
}

/** The CA and server certificate in `dir`, created (or renewed) when missing or about to expire. */
export function ensureClusterTls(dir: string = clusterTlsDir): ClusterTls {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => path.join(dir, name);
  const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  if (!isCurrent(file('ca.crt')) || !fs.existsSync(file('ca.key'))) {
    openssl(['req', '-x509', ...curve, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '825', '-subj', CA_SUBJECT, ...CA_EXTENSIONS.flatMap((e) => ['-addext', e])]);
    fs.rmSync(file('server.crt'), { force: true }); // issued by a CA that is gone
  }
  const ca = new crypto.X509Certificate(fs.readFileSync(file('ca.crt')));
  if (!isCurrent(file('server.crt'), ca) || !fs.existsSync(file('server.key'))) {
    fs.writeFileSync(file('server.ext'), `${SERVER_EXTENSIONS.join('\n')}\n`);
    openssl(['req', '-new', ...curve, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost']);
    // 397 days: the longest validity browsers accept for a server certificate.
    openssl(['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-set_serial', `0x${crypto.randomBytes(16).toString('hex')}`, '-days', '397', '-sha256', '-extfile', file('server.ext'), '-out', file('server.crt')]);
    fs.rmSync(file('server.csr'), { force: true });
  }
  for (const key of ['ca.key', 'server.key']) fs.chmodSync(file(key), 0o600);

  const server = new crypto.X509Certificate(fs.readFileSync(file('server.crt')));
  const spki = server.publicKey.export({ type: 'spki', format: 'der' });
  return {
    dir,
    caCertificate: file('ca.crt'),
    certificate: file('server.crt'),
    privateKey: file('server.key'),
    spkiSha256: crypto.createHash('sha256').update(spki).digest('base64'),
  };
}

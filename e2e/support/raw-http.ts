// A request sent byte for byte as written — no HTTP client would send
// `OPTIONS *` or an absolute-form target to a server — and the status it got.
import net from 'node:net';

export function rawRequestStatus(baseURL: string, requestHead: string): Promise<number> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: Number(port), host: hostname });
    let received = '';
    socket.setTimeout(15_000, () => socket.destroy(new Error('no answer within 15 s')));
    socket.on('connect', () => socket.write(`${requestHead}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`${requestHead.split('\r\n')[0]}: connection closed after ${JSON.stringify(received.slice(0, 80))}`)));
  });
}

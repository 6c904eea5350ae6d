// A device in plain words from its User-Agent header, for the security centre's
// session list and the security notices mailed to a user (ADR 047). The header
// is the client's own claim: a label to recognise a device by, never proof of one.
import UAParser from 'ua-parser-js';

export type DeviceKind = 'desktop' | 'mobile' | 'tablet' | 'unknown';
export type DeviceDescription = { label: string; kind: DeviceKind };

const browserNames: Record<string, string> = { 'Chrome Headless': 'Headless Chrome', 'Mobile Safari': 'Safari', 'Mobile Chrome': 'Chrome' };

/** "Firefox 128 on Windows 10", with a device kind for the icon; a maintained parser does the parsing. */
export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  if (!userAgent) return { label: 'Unknown device', kind: 'unknown' };
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const browserName = browser.name ? `${browserNames[browser.name] ?? browser.name}${browser.major ? ` ${browser.major}` : ''}` : null;
  const osName = os.name ? `${os.name}${os.version && !['Linux', 'Ubuntu'].includes(os.name) ? ` ${os.version}` : ''}` : null;
  const model = device.model && device.type ? device.model : null;
  const where = [model, osName].filter(Boolean).join(', ');
  const label = browserName && where ? `${browserName} on ${where}` : (browserName ?? (where || 'Unknown browser'));
  const kind: DeviceKind = device.type === 'mobile' ? 'mobile' : device.type === 'tablet' ? 'tablet' : browser.name || os.name ? 'desktop' : 'unknown';
  return { label, kind };
}

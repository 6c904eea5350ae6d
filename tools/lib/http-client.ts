// A scripted browser without JavaScript, for the outage and fuzz scripts: a
// cookie jar, manual redirects, and forms submitted the way a no-JS browser
// submits them — every field the server rendered (hidden Server Action fields
// included: $ACTION_REF_n, $ACTION_n:0 naming the action id, $ACTION_KEY), with
// the ones we choose overridden.
export type ParsedForm = { action: string; method: string; fields: [string, string][]; actionId: string | null };

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", '#x27': "'", '#39': "'" };
const decode = (text: string) => text.replace(/&(quot|amp|lt|gt|apos|#x27|#39);/g, (_, name: string) => ENTITIES[name]!);
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decode(match[1]!) : null;
};

/** Every <form> of a page with its fields' rendered values (the selected option of a <select>). */
export function parseForms(html: string): ParsedForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, open, body]) => {
    const fields: [string, string][] = [];
    for (const [tag] of body!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(tag, 'name');
      if (name === null) continue;
      const type = attribute(tag, 'type')?.toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && !/\schecked=/i.test(tag)) continue;
      fields.push([name, attribute(tag, 'value') ?? '']);
    }
    for (const [, open2, inner] of body!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attribute(open2!, 'name');
      if (name === null) continue;
      const options = [...inner!.matchAll(/<option\b([^>]*)>/gi)].map(([, o]) => ({ value: attribute(o!, 'value') ?? '', selected: /\sselected=/i.test(o!) }));
      fields.push([name, (options.find((o) => o.selected) ?? options[0])?.value ?? '']);
    }
    for (const [, open2, inner] of body!.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attribute(open2!, 'name');
      if (name !== null) fields.push([name, decode(inner!)]);
    }
    const legacyId = fields.find(([name]) => name.startsWith('$ACTION_ID_'))?.[0].slice('$ACTION_ID_'.length);
    const boundId = fields.find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
    let actionId = legacyId ?? null;
    if (!actionId && boundId) {
      try {
        actionId = (JSON.parse(boundId) as { id?: string }).id ?? null;
      } catch {
        actionId = null;
      }
    }
    return { action: attribute(open!, 'action') ?? '', method: (attribute(open!, 'method') ?? 'GET').toUpperCase(), fields, actionId };
  });
}

/** The options of a <select name=…> on the page (value attributes only). */
export function selectOptions(html: string, name: string): string[] {
  const select = new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`, 'i').exec(html);
  if (!select) return [];
  return [...select[1]!.matchAll(/<option\b([^>]*)>/gi)].map(([, o]) => attribute(o!, 'value') ?? '').filter(Boolean);
}

export type HttpResponse = { status: number; location: string | null; body: string; headers: Headers; setCookies: string[] };

export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseURL: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<HttpResponse> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', this.baseURL);
    const response = await fetch(new URL(path, this.baseURL), {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    const body = await response.text();
    this.take(response);
    return { status: response.status, location: response.headers.get('location'), body, headers: response.headers, setCookies: response.headers.getSetCookie() };
  }

  /** GET a page and return its forms; `index` picks one (default: the first with a Server Action). */
  async formOn(path: string): Promise<{ page: HttpResponse; form: ParsedForm }> {
    const page = await this.request(path);
    const form = parseForms(page.body).find((f) => f.actionId !== null);
    if (!form) throw new Error(`no Server Action form on ${path} (status ${page.status})`);
    return { page, form };
  }

  /** Submits a parsed form as a no-JS browser would (multipart), with `values` replacing or adding fields. */
  submit(path: string, form: ParsedForm, values: Record<string, string | Blob>): Promise<HttpResponse> {
    const body = new FormData();
    for (const [name, value] of form.fields) if (!(name in values)) body.append(name, value);
    for (const [name, value] of Object.entries(values)) body.append(name, value);
    const target = form.action && !form.action.startsWith('javascript:') ? new URL(form.action, new URL(path, this.baseURL)).pathname : path;
    return this.request(target, { method: 'POST', body });
  }
}

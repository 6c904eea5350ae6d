// Is this POST a Server Action call that React can decode? Next passes the
// body to React's decodeReply/decodeAction, and anything they cannot decode —
// a body that is not JSON, a reference to a part that is not there, a Map that
// is not a list of pairs — fails inside Next with a 500 before any of our code
// runs. Middleware asks here first and answers such requests a plain 400.
//
// A conservative mirror of React's reply format (react-server-dom
// ReactFlightReplyServer, parseModelString): strings starting with "$" are
// references. Only what Strongroom's own forms and calls produce is allowed;
// server-function references ($F, $h), streams, iterators and typed arrays as
// arguments are refused outright (no action of ours takes them).
export type ActionEnvelope = { kind: 'not-an-action' } | { kind: 'valid' } | { kind: 'invalid'; reason: string };

type Parts = { text(name: string): string | null; isBlob(name: string): boolean };

// Bounds on the whole body, not per part: nesting is counted through references
// (a chain of parts each naming the next is as deep as one nested list — counted
// per part, a chain 10,000 long overflowed the stack: a 500), and every value
// and part visited is charged to one budget per request.
const MAX_DEPTH = 64;
const MAX_PARTS = 1_000;
const MAX_VALUES = 50_000;

class Invalid extends Error {}

/** What one request's check has spent: parts already checked, values visited. */
type Walk = { seen: Set<string>; values: number };

const newWalk = (): Walk => ({ seen: new Set(), values: 0 });

function chunkKey(prefix: string, hex: string): string {
  if (!/^[0-9a-f]{1,8}$/i.test(hex)) throw new Invalid(`bad reference "${hex.slice(0, 20)}"`);
  return `${prefix}${parseInt(hex, 16)}`;
}

function checkReplyChunk(parts: Parts, prefix: string, key: string, walk: Walk, expect: 'any' | 'array' | 'pairs' | 'object', depth: number): void {
  const text = parts.text(key);
  if (text === null) throw new Invalid(`part ${key} is missing`);
  if (walk.seen.has(key)) return;
  if (walk.seen.size >= MAX_PARTS) throw new Invalid('too many parts');
  walk.seen.add(key);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Invalid(`part ${key} is not JSON`);
  }
  if (expect === 'array' && !Array.isArray(value)) throw new Invalid(`part ${key} is not a list`);
  if (expect === 'object' && (typeof value !== 'object' || value === null || Array.isArray(value))) throw new Invalid(`part ${key} is not an object`);
  if (expect === 'pairs' && !(Array.isArray(value) && value.every((e) => Array.isArray(e) && e.length === 2))) throw new Invalid(`part ${key} is not a list of pairs`);
  checkModel(parts, prefix, value, walk, depth + 1);
}

function checkModel(parts: Parts, prefix: string, value: unknown, walk: Walk, depth: number): void {
  if (depth > MAX_DEPTH) throw new Invalid('nested too deeply');
  if (++walk.values > MAX_VALUES) throw new Invalid('too many values');
  if (typeof value === 'string') return checkModelString(parts, prefix, value, walk, depth);
  if (Array.isArray(value)) return value.forEach((v) => checkModel(parts, prefix, v, walk, depth + 1));
  if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) checkModel(parts, prefix, v, walk, depth + 1);
}

function checkModelString(parts: Parts, prefix: string, value: string, walk: Walk, depth: number): void {
  if (value[0] !== '$' || value.length === 1) return;
  const tag = value[1]!;
  const rest = value.slice(2);
  switch (tag) {
    case '$': case 'u': case 'I': case 'N': case '-': case 'D': case 'T':
      return; // escaped text, undefined, ±Infinity, NaN, -0, a date, a temporary reference: self-contained
    case 'n':
      if (!/^-?\d{1,400}$/.test(rest)) throw new Invalid('bad bigint');
      return;
    case '@': case 'W':
      return checkReplyChunk(parts, prefix, chunkKey(prefix, rest), walk, tag === 'W' ? 'array' : 'any', depth);
    case 'Q':
      return checkReplyChunk(parts, prefix, chunkKey(prefix, rest), walk, 'pairs', depth);
    case 'K':
      chunkKey(prefix, rest); // a FormData: its entries are the parts named "<prefix><id>_…"
      return;
    case 'B':
      if (!parts.isBlob(chunkKey(prefix, rest))) throw new Invalid('blob part missing');
      return;
    default:
      if (/^[0-9a-f]$/i.test(tag)) return checkReplyChunk(parts, prefix, chunkKey(prefix, value.slice(1)), walk, 'any', depth);
      throw new Invalid(`"$${tag}" references are not accepted`);
  }
}

function partsOf(form: FormData | null, body: string | null): Parts {
  if (form) {
    return {
      text: (name) => {
        const v = form.get(name);
        return typeof v === 'string' ? v : null;
      },
      isBlob: (name) => form.get(name) instanceof Blob,
    };
  }
  return { text: (name) => (name === '0' ? body : null), isBlob: () => false };
}

function check(run: () => void): ActionEnvelope {
  try {
    run();
    return { kind: 'valid' };
  } catch (error) {
    if (error instanceof Invalid) return { kind: 'invalid', reason: error.message };
    throw error;
  }
}

/** A no-JavaScript form post: $ACTION_REF_n fields carry `{ id, bound }` in $ACTION_n:0. */
function checkFormAction(form: FormData): ActionEnvelope {
  const refs = [...form.keys()].filter((k) => k.startsWith('$ACTION_REF_'));
  const walk = newWalk(); // one budget for every action in the form
  return check(() => {
    for (const ref of refs) {
      const prefix = `$ACTION_${ref.slice('$ACTION_REF_'.length)}:`;
      const parts = partsOf(form, null);
      const meta = parts.text(`${prefix}0`);
      if (meta === null) throw new Invalid('action metadata missing');
      let parsed: unknown;
      try {
        parsed = JSON.parse(meta);
      } catch {
        throw new Invalid('action metadata is not JSON');
      }
      const { id, bound } = (parsed ?? {}) as { id?: unknown; bound?: unknown };
      if (typeof id !== 'string') throw new Invalid('action id missing');
      if (bound === null || bound === undefined) continue;
      if (typeof bound !== 'string' || !bound.startsWith('$@')) throw new Invalid('bound arguments malformed');
      checkReplyChunk(parts, prefix, chunkKey(prefix, bound.slice(2)), walk, 'array', 0);
    }
  });
}

/**
 * Reads (a clone of) the request body only for POSTs that are Server Action
 * calls: a Next-Action header (JavaScript) or a multipart form with $ACTION_ fields.
 */
export async function checkServerActionRequest(request: Request): Promise<ActionEnvelope> {
  if (request.method !== 'POST') return { kind: 'not-an-action' };
  const fetchAction = request.headers.has('next-action');
  const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
  if (!fetchAction && !multipart) return { kind: 'not-an-action' };
  let form: FormData | null = null;
  let body: string | null = null;
  try {
    if (multipart) form = await request.clone().formData();
    else body = await request.clone().text();
  } catch {
    // Next would try to read a multipart page POST as a form action, and fail with a 500.
    return { kind: 'invalid', reason: 'the body cannot be read as declared' };
  }
  if (!fetchAction) {
    if (!form || ![...form.keys()].some((k) => k.startsWith('$ACTION_'))) return { kind: 'not-an-action' };
    return checkFormAction(form);
  }
  return check(() => checkReplyChunk(partsOf(form, body), '', '0', newWalk(), 'array', 0));
}

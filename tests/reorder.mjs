// Orders a wasm module's functions so that gzip compresses its code better: each function is
// followed by the one, of those left, that shares the most 4-byte sequences with it (the rarer
// a sequence, the more it counts), so the repeats gzip can refer back to (within its 32 KB
// window) lie close together. The compiler and wasm-opt leave functions in an order that knows
// nothing of this. Only the order changes: every function index (calls, `ref.func`, the
// table's elements, exports, the start function) is renumbered to match, and no instruction is
// added, dropped or re-encoded otherwise, so the module does what it did. Used by
// tests/minify.mjs on every release build.
//
// Why bytes rather than binaryen (`wasm-opt --reorder-functions-by-name` with names written to
// sort this way): reading and writing an optimized module through binaryen again costs 0.4 KB
// of gzipped wasm (its reader adds locals), most of what the order gains.

/** An unsigned LEB128 number at `at`: [value, the offset after it]. */
export function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('wasm: unexpected end');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** The offset after a signed LEB128 number at `at` (its value is never needed here). */
function skipLeb(bytes, at) {
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('wasm: unexpected end');
    if (b < 0x80) return at;
  }
}

/** `n` as unsigned LEB128 bytes. */
export function encode(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Value types and the empty block type, each one byte. */
const ONE_BYTE_TYPES = new Set([0x40, 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);

/**
 * Copies the instructions of `bytes` from `at` until the `end` that closes them (an
 * expression: a function body's or a constant's) into `out`, with each function index
 * passed through `remap`. Returns the offset after that `end`. Throws on an instruction it
 * does not know (SIMD, GC, …), so a module it cannot read fails the build.
 */
function copyExpr(bytes, at, out, remap) {
  let depth = 1;
  const copy = (from, to) => {
    for (let i = from; i < to; i++) out.push(bytes[i]);
  };
  while (depth > 0) {
    const start = at;
    const op = bytes[at++];
    let q = at;
    const u = () => {
      q = uleb(bytes, q)[1];
    };
    switch (true) {
      case op === 0x10 || op === 0x12 || op === 0xd2: {
        // call, return_call, ref.func: a function index.
        const [f, next] = uleb(bytes, at);
        out.push(op, ...encode(remap(f)));
        at = next;
        continue;
      }
      case op === 0x02 || op === 0x03 || op === 0x04:
        depth++;
        if (ONE_BYTE_TYPES.has(bytes[q])) q++;
        else q = skipLeb(bytes, q);
        break;
      case op === 0x0b:
        depth--;
        break;
      case op === 0x00 || op === 0x01 || op === 0x05 || op === 0x0f || op === 0x1a || op === 0x1b:
        break;
      case op === 0x0c || op === 0x0d:
        u();
        break;
      case op === 0x0e: {
        const [n, next] = uleb(bytes, q);
        q = next;
        for (let i = 0; i <= n; i++) u();
        break;
      }
      case op === 0x11 || op === 0x13:
        u();
        u();
        break;
      case op === 0x1c: {
        const [n, next] = uleb(bytes, q);
        q = next;
        for (let i = 0; i < n; i++) {
          if (!ONE_BYTE_TYPES.has(bytes[q])) throw new Error(`wasm: select type 0x${bytes[q].toString(16)}`);
          q++;
        }
        break;
      }
      case op >= 0x20 && op <= 0x26:
        u();
        break;
      case op >= 0x28 && op <= 0x3e: {
        // A memory argument: alignment (with bit 6, a memory index follows), offset.
        const [align, next] = uleb(bytes, q);
        q = next;
        if (align & 0x40) u();
        u();
        break;
      }
      case op === 0x3f || op === 0x40:
        u();
        break;
      case op === 0x41 || op === 0x42:
        q = skipLeb(bytes, q);
        break;
      case op === 0x43:
        q += 4;
        break;
      case op === 0x44:
        q += 8;
        break;
      case op >= 0x45 && op <= 0xc4:
        break;
      case op === 0xd0:
        if (ONE_BYTE_TYPES.has(bytes[q])) q++;
        else q = skipLeb(bytes, q);
        break;
      case op === 0xd1:
        break;
      case op === 0xfc: {
        // Saturating truncation (0–7), bulk memory and tables (8–17).
        const [sub, next] = uleb(bytes, q);
        q = next;
        const immediates = [0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 2, 1, 2, 1, 1, 1][sub];
        if (immediates === undefined) throw new Error(`wasm: unknown instruction 0xfc ${sub}`);
        for (let i = 0; i < immediates; i++) u();
        break;
      }
      default:
        throw new Error(`wasm: unknown instruction 0x${op.toString(16)} at ${start}`);
    }
    copy(start, q);
    at = q;
  }
  return at;
}

/**
 * The order of `bodies` (byte arrays) that puts alike functions side by side: starting from
 * the smallest, each next one is the remaining function that shares the most distinct 4-byte
 * sequences with the last, each weighted by how rare it is (ties to the earlier function), so
 * the result is the same on every build.
 */
function similarOrder(bodies) {
  const n = bodies.length;
  const grams = bodies.map((b) => {
    const set = new Set();
    for (let i = 0; i + 4 <= b.length; i++) set.add(((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0);
    return [...set];
  });
  // For each 4-byte sequence, the functions that have it.
  const having = new Map();
  grams.forEach((gs, f) => {
    for (const g of gs) {
      let list = having.get(g);
      if (!list) having.set(g, (list = []));
      list.push(f);
    }
  });
  // A sequence most functions have is worth little (gzip finds it near anywhere); a rare one
  // shared is worth much: log(n / functions having it).
  const worth = new Map();
  for (const [g, list] of having) worth.set(g, Math.log(n / list.length));
  const left = new Uint8Array(n).fill(1);
  const score = new Float64Array(n);
  let last = 0;
  for (let f = 1; f < n; f++) if (bodies[f].length < bodies[last].length) last = f;
  const order = [last];
  left[last] = 0;
  while (order.length < n) {
    score.fill(0);
    for (const g of grams[last]) {
      const w = worth.get(g);
      for (const f of having.get(g)) score[f] += w;
    }
    let best = -1;
    for (let f = 0; f < n; f++) if (left[f] && (best < 0 || score[f] > score[best])) best = f;
    order.push(best);
    left[best] = 0;
    last = best;
  }
  return order;
}

/**
 * `wasm` (a Buffer) with its functions in [`similarOrder`], every function index renumbered.
 * A `name` section (function names by index) is dropped rather than renumbered: release
 * builds have none.
 */
export function reorderFunctions(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const sections = [];
  let imported = 0;
  for (let at = 8; at < wasm.length; ) {
    const id = wasm[at];
    const [size, start] = uleb(wasm, at + 1);
    sections.push({ id, start, end: start + size, head: at });
    if (id === 2) {
      let [count, p] = uleb(wasm, start);
      for (let i = 0; i < count; i++) {
        p = uleb(wasm, p)[1] + uleb(wasm, p)[0];
        const [flen, f] = uleb(wasm, p);
        p = f + flen;
        const kind = wasm[p++];
        const limits = () => {
          const flags = wasm[p++];
          p = uleb(wasm, p)[1];
          if (flags & 1) p = uleb(wasm, p)[1];
        };
        if (kind === 0) {
          imported++;
          p = uleb(wasm, p)[1];
        } else if (kind === 1) {
          p++;
          limits();
        } else if (kind === 2) limits();
        else if (kind === 3) p += 2;
        else throw new Error(`import: unknown kind ${kind}`);
      }
    }
    at = start + size;
  }
  const code = sections.find((s) => s.id === 10);
  const funcs = sections.find((s) => s.id === 3);
  if (!code || !funcs) return wasm;
  // The bodies as they are (each without its size), and the functions' type indices.
  const bodies = [];
  let [count, p] = uleb(wasm, code.start);
  for (let i = 0; i < count; i++) {
    const [size, b] = uleb(wasm, p);
    bodies.push(wasm.subarray(b, b + size));
    p = b + size;
  }
  const types = [];
  let [fcount, q] = uleb(wasm, funcs.start);
  for (let i = 0; i < fcount; i++) {
    const [t, next] = uleb(wasm, q);
    types.push(t);
    q = next;
  }
  if (fcount !== count) throw new Error('function and code sections disagree');
  if (p !== code.end || q !== funcs.end) throw new Error('function or code section: unexpected length');
  const order = similarOrder(bodies);
  const position = new Int32Array(count);
  order.forEach((f, k) => (position[f] = k));
  const remap = (f) => (f < imported ? f : imported + position[f - imported]);

  const section = (id, bytes) => Buffer.from([id, ...encode(bytes.length), ...bytes]);
  const parts = [wasm.subarray(0, 8)];
  for (const s of sections) {
    const out = [];
    let p = s.start;
    const vec = (each) => {
      const [n, next] = uleb(wasm, p);
      out.push(...encode(n));
      p = next;
      for (let i = 0; i < n; i++) each();
    };
    const copyU = () => {
      const [v, next] = uleb(wasm, p);
      out.push(...encode(v));
      p = next;
    };
    const func = () => {
      const [f, next] = uleb(wasm, p);
      out.push(...encode(remap(f)));
      p = next;
    };
    const expr = () => {
      p = copyExpr(wasm, p, out, remap);
    };
    switch (s.id) {
      case 3: // read above
        out.push(...encode(count));
        for (const f of order) out.push(...encode(types[f]));
        p = s.end;
        break;
      case 10:
        out.push(...encode(count));
        for (const f of order) {
          const body = bodies[f];
          const rewritten = [];
          let [locals, b] = uleb(body, 0);
          rewritten.push(...encode(locals));
          for (let i = 0; i < locals; i++) {
            const [n, next] = uleb(body, b);
            rewritten.push(...encode(n), body[next]);
            b = next + 1;
          }
          const end = copyExpr(body, b, rewritten, remap);
          if (end !== body.length) throw new Error('code: a body ends before its size');
          out.push(...encode(rewritten.length));
          for (const x of rewritten) out.push(x);
        }
        p = s.end; // read above
        break;
      case 6: // globals: type, mutability, initializer
        vec(() => {
          out.push(wasm[p], wasm[p + 1]);
          p += 2;
          expr();
        });
        break;
      case 7: // exports: name, kind, index
        vec(() => {
          const [len, n] = uleb(wasm, p);
          for (let i = p; i < n + len; i++) out.push(wasm[i]);
          p = n + len;
          const kind = wasm[p++];
          out.push(kind);
          if (kind === 0) func();
          else copyU();
        });
        break;
      case 8:
        func();
        break;
      case 9: // element segments, by their flags
        vec(() => {
          const [flags, next] = uleb(wasm, p);
          out.push(...encode(flags));
          p = next;
          if (flags & 2 && !(flags & 1)) copyU(); // table index
          if (!(flags & 1)) expr(); // offset
          if (flags & 3) out.push(wasm[p++]); // element kind or reference type
          vec(flags & 4 ? expr : func);
        });
        break;
      case 0: {
        const [len, n] = uleb(wasm, s.start);
        const name = wasm.subarray(n, n + len).toString();
        if (name === 'name') continue;
        parts.push(wasm.subarray(s.head, s.end));
        continue;
      }
      default:
        parts.push(wasm.subarray(s.head, s.end));
        continue;
    }
    if (p !== s.end) throw new Error(`section ${s.id}: unexpected length`);
    parts.push(section(s.id, out));
  }
  return Buffer.concat(parts);
}

// The decoder of the tape that src/wire.rs writes: one result, as plain JS objects, in one pass.
// The numbers of the operations are those of `wire::op`. scripts/build.mjs copies this function
// into each binding's glue, so the package stays one JS file per target.

// The strings kept across calls, in the order the tape numbers them.
const wireKept = [];

export function wireDecode(tape, text) {
  let at = 0;
  const kept = wireKept;
  const value = () => {
    switch (tape[at++]) {
      case 0: return null;
      case 1: return false;
      case 2: return true;
      case 3: return tape[at++];
      case 4: at += 2; return text.slice(tape[at - 2], tape[at - 1]);
      case 5: {
        at += 2;
        const s = text.slice(tape[at - 2], tape[at - 1]);
        kept.push(s);
        return s;
      }
      case 6: return kept[tape[at++]];
      case 7: {
        const out = [];
        while (tape[at] !== 9) out.push(value());
        at++;
        return out;
      }
      case 8: {
        const out = {};
        while (tape[at] !== 9) {
          const key = value();
          const v = value();
          // A key written `__proto__` is a property like any other, never the prototype.
          if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
          else out[key] = v;
        }
        at++;
        return out;
      }
      case 10:
        kept.length = 0;
        return value();
      default:
        throw new Error('wa-preflight: a result could not be read back (unknown tape entry)');
    }
  };
  return value();
}

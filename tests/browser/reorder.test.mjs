// The build's reordering of the wasm's functions (tests/reorder.mjs) changes their order and
// nothing else: a module with calls, an indirect call through the table, a `ref.func`
// global, exports, a start function and branch tables computes the same after it. (No browser:
// node instantiates the module.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { reorderFunctions } from '../reorder.mjs';

// $tiny is the smallest body, so the order starts from it: the functions move.
const WAT = `(module
  (type $r (func (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $forty_one $plus_one $through_table $tiny)
  (global $counter (mut i32) (i32.const 0))
  (global $ref funcref (ref.func $plus_one))
  (func $forty_one (result i32) (i32.add (i32.const 40) (i32.const 1)))
  (func $plus_one (result i32) (i32.add (call $forty_one) (i32.const 1)))
  (func $through_table (param $k i32) (result i32)
    (call_indirect (type $r) (local.get $k)))
  (func $choose (param $k i32) (result i32)
    (block $two (block $one (block $zero
      (br_table $zero $one $two (local.get $k)))
      (return (call $plus_one)))
      (return (i32.mul (call $forty_one) (i32.const 2))))
    (i32.add (call $through_table (i32.const 1)) (global.get $counter)))
  (func $start (global.set $counter (i32.add (global.get $counter) (i32.const 100))))
  (func $count (result i32) (i32.add (global.get $counter) (i32.const 0)))
  (func $ref_is_set (result i32) (i32.eqz (ref.is_null (global.get $ref))))
  (func $tiny (result i32) (i32.const 7))
  (start $start)
  (export "plus_one" (func $plus_one))
  (export "through_table" (func $through_table))
  (export "choose" (func $choose))
  (export "count" (func $count))
  (export "ref_is_set" (func $ref_is_set))
  (export "tiny" (func $tiny)))`;

function build() {
  const m = binaryen.parseText(WAT);
  m.setFeatures(binaryen.Features.MVP | binaryen.Features.ReferenceTypes | binaryen.Features.BulkMemory);
  assert.ok(m.validate(), 'the test module is valid');
  const bytes = Buffer.from(m.emitBinary());
  m.dispose();
  return bytes;
}

/** What each export answers. */
async function answers(bytes) {
  const { instance } = await WebAssembly.instantiate(bytes);
  const e = instance.exports;
  return {
    plusOne: e.plus_one(),
    table: [0, 1, 3].map((k) => e.through_table(k)),
    choose: [0, 1, 2, 9].map((k) => e.choose(k)),
    count: e.count(),
    ref: e.ref_is_set(),
    tiny: e.tiny(),
  };
}

test('reordering the functions keeps what the module does', async () => {
  const before = build();
  const after = reorderFunctions(before);
  assert.ok(WebAssembly.validate(after), 'the reordered module is valid');
  assert.notDeepEqual(after, before, 'the functions moved');
  const expected = { plusOne: 42, table: [41, 42, 7], choose: [42, 82, 142, 142], count: 100, ref: 1, tiny: 7 };
  assert.deepEqual(await answers(before), expected);
  assert.deepEqual(await answers(after), expected);
});

test('a module it cannot read fails loudly rather than coming out broken', () => {
  assert.throws(() => reorderFunctions(Buffer.from('not wasm at all')), /not a wasm module/);
  // A body with an instruction it does not know (0xfd, SIMD) in a valid-looking frame.
  const bytes = build();
  const code = bytes.lastIndexOf(Buffer.from([0x41, 0x07, 0x0b])); // $tiny: i32.const 7, end
  const broken = Buffer.from(bytes);
  broken[code] = 0xfd;
  assert.throws(() => reorderFunctions(broken), /unknown instruction/);
});

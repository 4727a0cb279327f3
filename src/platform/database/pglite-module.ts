// The embedded database's WebAssembly module, compiled once per process, with
// PostgreSQL's SQL parser kept on V8's baseline compiler (Liftoff) while every
// other function tiers up to the optimizing compiler as usual.
//
// Why: the parser (`raw_parser`, bison's state machine in one 105 KB function)
// is hot after the first few statements, and V8's optimizing compiler then
// spends about 600 MB of memory and several seconds of CPU on that one function
// in a background thread (`node --turbo-stats-wasm`: its first optimization
// phase). That alone made PGlite's peak memory 812 MB instead of 255 MB, and a
// second `npm start` peak at about 1 GB. On the baseline compiler the parser
// costs no measurable speed (see the README's start-up benchmark).
//
// How: V8 decides whether a function's baseline code counts its calls toward
// tier-up when it compiles that code, lazily, on the function's first call, and
// reads `--wasm-tier-up-filter` (only the function with that index tiers up)
// then. So the parser is compiled first, in a throwaway instance of the same
// module (compiled code belongs to the module and is shared by its instances),
// with the filter naming a function that is never called, and the filter is
// reset right after. The call stops at once: the throwaway instance's memory is
// empty, so the parser's first allocation calls through a null pointer and
// traps. The functions the parser calls before that are called first, with
// tier-up on, so that the parser is the only one left on the baseline compiler.
import { readFile } from "node:fs/promises";
import { setFlagsFromString } from "node:v8";

const parserExport = "raw_parser";
// What the parser calls before its first allocation traps: its scanner's set-up, and that set-up's own calls.
const parserFirstCallees = ["strlen", "palloc", "scanner_init"];
// The index of an imported function (JavaScript): never compiled by V8, so no WebAssembly function tiers up.
const noFunctionTiersUp = 0;
const everyFunctionTiersUp = -1;
// As PGlite's own instance asks of the memory it is given (initMemory in pglite.js): 128 MB, at most 2 GB.
const memoryPages = { initial: 2048, maximum: 32768 };

// Node's WebAssembly, as far as this file uses it: TypeScript's es2024 library and Node's types leave it out.
type CompiledModule = object;
type Instance = { exports: Record<string, unknown> };
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<CompiledModule>;
  instantiate(module: CompiledModule, imports: Record<string, Record<string, unknown>>): Promise<Instance>;
  Memory: new (pages: typeof memoryPages) => object;
  Module: { imports(module: CompiledModule): { module: string; name: string; kind: string }[] };
};

let compiled: Promise<CompiledModule> | undefined;

/** PGlite's module (for its `pgliteWasmModule` option), compiled on the first call. */
export function pgliteModule(): Promise<CompiledModule> {
  compiled ??= compileWithBaselineParser();
  return compiled;
}

async function compileWithBaselineParser(): Promise<CompiledModule> {
  const wasmFile = new URL(import.meta.resolve("@electric-sql/pglite/pglite.wasm"));
  const module = await WebAssembly.compile(await readFile(wasmFile));
  // Whoever starts node with their own tier-up filter (or no tier-up at all) keeps it.
  if (!/wasm-tier-up-filter|liftoff-only|no-wasm-tier-up/.test(process.execArgv.join(" "))) {
    await compileParserOnBaseline(module);
  }
  return module;
}

async function compileParserOnBaseline(module: CompiledModule): Promise<void> {
  const instance = await throwawayInstance(module);
  if (instance === undefined) return;
  const { exports } = instance;
  for (const name of parserFirstCallees) callToCompile(exports[name]);
  setFlagsFromString(`--wasm-tier-up-filter=${noFunctionTiersUp}`);
  try {
    callToCompile(exports[parserExport]);
  } finally {
    setFlagsFromString(`--wasm-tier-up-filter=${everyFunctionTiersUp}`);
  }
}

/** An instance on an empty memory whose imports all throw: nothing it runs reaches PGlite's. */
async function throwawayInstance(module: CompiledModule): Promise<Instance | undefined> {
  const imports: Record<string, Record<string, unknown>> = {};
  for (const { module: moduleName, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== "function" && kind !== "memory") return undefined;
    imports[moduleName] ??= {};
    imports[moduleName][name] =
      kind === "memory"
        ? new WebAssembly.Memory(memoryPages)
        : () => {
            throw new Error(`${name} is not available in a throwaway instance.`);
          };
  }
  try {
    return await WebAssembly.instantiate(module, imports);
  } catch {
    // Another PGlite whose imports differ: it is compiled as PGlite would, the parser included.
    return undefined;
  }
}

/** Calls an exported function on null arguments, which compiles it; what it then does (trap, mostly) is of no interest. */
function callToCompile(exported: unknown): void {
  if (typeof exported !== "function") return;
  try {
    exported(0, 0, 0, 0);
  } catch {
    // The trap or the throwing import that ends the call.
  }
}

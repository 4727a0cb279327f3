// Route schemas compiled when a route is first used, not when the server
// starts. Fastify compiles every route's request validators (ajv) and response
// serializers (fast-json-stringify) as it gets ready, HEAD twins included: with
// a few hundred routes that was the largest share of a start (two of its three
// seconds on a quiet machine) and of its memory. Deferred, each route pays its
// own compilation (a few milliseconds) on its first request, and a process
// compiles only the routes it serves. Nothing is weakened: every request part
// with a schema is validated by it and every response serialized by its schema,
// the same compiled functions, later.
//
// `compileEverySchema` compiles whatever is still waiting: a test builds the
// whole application and calls it, so a schema that cannot compile fails there
// rather than on a customer's first request.
import fastJsonStringifyCompiler from "@fastify/fast-json-stringify-compiler";
import type { ValidateFunction } from "ajv";
import type { FastifySchemaCompiler } from "fastify";

type Compile<Compiled> = () => Compiled;

/** What one server's routes left to compile on first use. */
export type DeferredSchemas = {
  /** The validator compiler Fastify calls per route part: the validator, compiled when first called. */
  validatorCompiler(compile: FastifySchemaCompiler<unknown>): FastifySchemaCompiler<unknown>;
  /** The serializer factory of Fastify's schema controller: fast-json-stringify, compiled when first called. */
  buildSerializer: fastJsonStringifyCompiler.SerializerFactory;
  /** Compiles every validator and serializer not compiled yet; how many it compiled. */
  compileEverySchema(): number;
};

export function deferredSchemas(): DeferredSchemas {
  const waiting = new Set<() => void>();

  /** A function that compiles on its first call (or on `compileEverySchema`), then calls what it compiled. */
  function onFirstUse<Compiled>(compile: Compile<Compiled>): () => Compiled {
    let compiled: Compiled | undefined;
    const ready = () => {
      if (compiled === undefined) {
        compiled = compile();
        waiting.delete(ready);
      }
      return compiled;
    };
    waiting.add(ready);
    return ready;
  }

  return {
    validatorCompiler: (compile) => (route) => {
      const compiled = onFirstUse(() => compile(route) as ValidateFunction);
      // Fastify reads a failed validation's errors from the validator's `errors`, as ajv leaves them.
      const validate = ((data: unknown) => {
        const validator = compiled();
        const valid = validator(data);
        validate.errors = validator.errors;
        return valid;
      }) as ValidateFunction;
      return validate;
    },
    buildSerializer: (externalSchemas, serializerOptions) => {
      const compileSerializer = fastJsonStringifyCompiler()(externalSchemas, serializerOptions);
      return (route) => {
        const compiled = onFirstUse(() => compileSerializer(route));
        return (data: unknown) => compiled()(data);
      };
    },
    compileEverySchema: () => {
      const pending = [...waiting];
      for (const compile of pending) compile();
      return pending.length;
    },
  };
}

// OpenTelemetry traces, off by default. `fairbill serve` starts them when the
// standard environment variables ask for it (OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_TRACES_EXPORTER=otlp), unless
// OTEL_SDK_DISABLED=true, and sends the spans over OTLP/HTTP to the collector
// those variables name (the exporter reads them itself, with
// OTEL_EXPORTER_OTLP_HEADERS and the rest). Spans cover every API request,
// every background job (bill runs, webhook and email deliveries), ingestion
// and bill-run figures, and every outgoing call. Without a started tracer the
// OpenTelemetry API is a no-op, so the spans cost next to nothing.
import { type Attributes, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { errorMessage } from "./errors.ts";

const tracer = trace.getTracer("fairbill");

/** Runs `work` inside a span named `name`, recording its failure; the span is the active one for what `work` calls. */
export function inSpan<T>(
  name: string,
  options: { attributes?: Attributes; kind?: "server" | "client" | "internal" },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const kind =
    options.kind === "server"
      ? SpanKind.SERVER
      : options.kind === "client"
        ? SpanKind.CLIENT
        : SpanKind.INTERNAL;
  return tracer.startActiveSpan(name, { kind, attributes: options.attributes ?? {} }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: errorMessage(error),
      });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds figures to the span of the work in hand (an ingestion's counts, a bill run's invoices), if any. */
export function recordOnCurrentSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

type Environment = Record<string, string | undefined>;

/** Whether the standard OpenTelemetry variables ask for traces. */
export function tracingRequested(environment: Environment): boolean {
  if (environment.OTEL_SDK_DISABLED?.toLowerCase() === "true") return false;
  const exporter = environment.OTEL_TRACES_EXPORTER?.toLowerCase();
  if (exporter === "none") return false;
  return (
    exporter === "otlp" ||
    Boolean(environment.OTEL_EXPORTER_OTLP_ENDPOINT) ||
    Boolean(environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
  );
}

/**
 * Starts sending traces when the environment asks for them; the answer's
 * `stop` sends what is still buffered. Loaded only then, so that a server
 * without tracing never loads the SDK.
 */
export async function startTracing(
  environment: Environment,
  version: string,
): Promise<{ stop: () => Promise<void> } | undefined> {
  if (!tracingRequested(environment)) return undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
  const { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } = await import("@opentelemetry/semantic-conventions");
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: environment.OTEL_SERVICE_NAME ?? "fairbill",
      [ATTR_SERVICE_VERSION]: version,
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { stop: () => provider.shutdown() };
}

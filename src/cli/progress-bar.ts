// Progress of long CLI work on stderr, so stdout stays free for the result. On
// a terminal, one line redrawn in place (at most ten times a second); in a
// pipe or a log file, a plain line at every 5% and at the end, which a script
// can read as it comes.
const redrawEveryMilliseconds = 100;
const barWidth = 24;
const plainLineEveryPercent = 5;

type ProgressBar = {
  update(done: number, detail: string): void;
  finish(detail: string): void;
};

/**
 * A bar for work that says its total only in its first progress report: drawn
 * from that report on; finishing work that never reported prints nothing.
 */
export function progressBarFromFirstReport(options: { label: string; unit: string }): {
  update(done: number, total: number, detail: string): void;
  finish(detail: string): void;
} {
  let bar: ProgressBar | undefined;
  return {
    update(done, total, detail) {
      bar ??= createProgressBar({ ...options, total });
      bar.update(done, detail);
    },
    finish(detail) {
      bar?.finish(detail);
    },
  };
}

function createProgressBar(options: {
  label: string;
  total: number;
  unit: string;
  stream?: NodeJS.WriteStream;
}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const interactive = stream.isTTY === true;
  const startedAt = performance.now();
  let lastDrawnAt = Number.NEGATIVE_INFINITY;
  let lastPlainStep = -1;
  let lastPlainDone = -1;
  let done = 0;

  const describe = (detail: string) => {
    const percent = options.total === 0 ? 100 : Math.floor((done / options.total) * 100);
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
    const remaining = rate > 0 ? Math.ceil((options.total - done) / rate) : null;
    const counts = `${done.toLocaleString("en")}/${options.total.toLocaleString("en")} ${options.unit}`;
    const speed = `${Math.round(rate).toLocaleString("en")}/s`;
    const eta = remaining === null || done === options.total ? "" : ` · ETA ${formatSeconds(remaining)}`;
    return { percent, text: `${counts} · ${detail} · ${speed}${eta}` };
  };

  const draw = (detail: string, final: boolean) => {
    const { percent, text } = describe(detail);
    if (interactive) {
      const filled = Math.round((percent / 100) * barWidth);
      const bar = `${"█".repeat(filled)}${"░".repeat(barWidth - filled)}`;
      stream.write(
        `\r\x1b[2K${options.label} ${bar} ${String(percent).padStart(3)}% ${text}${final ? "\n" : ""}`,
      );
      return;
    }
    // The last line of a finished run is printed once, however it is reached.
    const step = final ? Number.POSITIVE_INFINITY : Math.floor(percent / plainLineEveryPercent);
    if (step > lastPlainStep && !(final && done === lastPlainDone)) {
      lastPlainDone = done;
      lastPlainStep = step;
      stream.write(`${options.label}: ${percent}% ${text}\n`);
    }
  };

  return {
    update(count, detail) {
      done = count;
      const now = performance.now();
      if (interactive && now - lastDrawnAt < redrawEveryMilliseconds) return;
      lastDrawnAt = now;
      draw(detail, false);
    },
    finish(detail) {
      draw(detail, true);
    },
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
}

// Waiting in a test for something another process or a background worker
// does: asks `check` again every `pollMilliseconds` until it gives a value,
// and fails naming `what` once `seconds` have passed without one.
export async function waitFor<Value>(
  what: string,
  check: () => Value | undefined | Promise<Value | undefined>,
  options: { seconds: number; pollMilliseconds?: number },
): Promise<Value> {
  const deadline = Date.now() + options.seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${options.seconds} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMilliseconds ?? 100));
  }
}

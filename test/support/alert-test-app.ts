// The app of an alert test file on a test clock, with what alerts reach: a
// webhook receiver on this machine and the worker of `fairbill serve`
// writing emails to an outbox folder. Started before the file's tests,
// closed after them.
import { removeDataDirectory, temporaryDataDirectory } from "./mail.ts";
import { sharedByFile } from "./shared-by-file.ts";
import { applicationJobWorker, type FileTestApp, testAppForFile } from "./test-app.ts";
import { TestClock } from "./test-clock.ts";
import { WebhookReceiver } from "./webhook-receiver.ts";

export type AlertTestApp = FileTestApp & {
  /** The app's clock, set to 1 January 2026 at the start. */
  clock: TestClock;
  receiver: WebhookReceiver;
  /** The folder whose outbox holds the emails sent. */
  readonly dataDirectory: string;
  /**
   * Runs every queued job, as `fairbill serve`'s worker would. Jobs queued "at
   * once" are dated by the database's real clock, while the test's clock sits
   * in 2026's first months, so the queue is read an hour past real time.
   */
  runQueuedJobs(): Promise<void>;
};

export function alertTestAppForFile(tenantName: string): AlertTestApp {
  const clock = new TestClock("2026-01-01T00:00:00Z");
  const receiver = new WebhookReceiver();
  const suite = testAppForFile({ clock, allowPrivateTargets: true, tenantName });
  const started = sharedByFile(
    "alert worker",
    async () => {
      await receiver.start();
      const dataDirectory = await temporaryDataDirectory("fairbill-alerts");
      const worker = applicationJobWorker(suite.testApp.handle.database, clock, {
        smtpUrl: undefined,
        emailFrom: "Acme Billing <billing@acme.example>",
        dataDirectory,
      });
      return { dataDirectory, worker };
    },
    async ({ dataDirectory }) => {
      await receiver.stop();
      await removeDataDirectory(dataDirectory);
    },
  );
  return {
    get testApp() {
      return suite.testApp;
    },
    get tenant() {
      return suite.tenant;
    },
    clock,
    receiver,
    get dataDirectory() {
      return started().dataDirectory;
    },
    runQueuedJobs: async () => {
      await started().worker.runDueJobs(new Date(Date.now() + 3_600_000));
    },
  };
}

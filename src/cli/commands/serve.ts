// `fairbill serve`: the API (and, once built, the console) on one port. On the
// first start it creates the organization with its test and live environments
// and prints an admin key for the test environment, once (for development);
// while the organization has no person who can sign in, every start prints a
// one-time link that creates its first admin. Several nodes share one
// PostgreSQL: `--role api` nodes behind a load balancer, `--role worker` nodes
// for the job queue (docs/deployment-several-nodes.md), or `all` on each.
import { type Command, Option } from "commander";
import { runCommand } from "../run-command.ts";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Serve the HTTP API on PORT (8080), on the embedded database unless DATABASE_URL is set")
    .option("--demo", "fill an empty test environment with demo data", false)
    .addOption(
      new Option(
        "--role <role>",
        "api: the HTTP API only; worker: the job queue and the bill run's schedule only; all: both",
      )
        .choices(["api", "worker", "all"])
        .default("all"),
    )
    .action(
      runCommand(async (options: { demo: boolean; role: "api" | "worker" | "all" }) => {
        const { startServer } = await import("./start-server.ts");
        await startServer(options);
      }),
    );
}

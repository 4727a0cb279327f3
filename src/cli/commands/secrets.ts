// `fairbill secrets rotate [--new-master-key]`: gives every organization a new
// data key wrapped by the current master key and seals every stored secret
// again with it (a secret still stored readable, from before encryption at
// rest, is sealed for the first time), then deletes the old data keys.
// With --new-master-key and the keys in the data folder's key file, a new
// master key is made first and the old one leaves the file once nothing is
// wrapped by it. With FAIRBILL_MASTER_KEY, set the new key there and the old
// one in FAIRBILL_PREVIOUS_MASTER_KEYS, run this, then drop the old one.
// Run it with the servers of the embedded database stopped.
import type { Command } from "commander";
import { FairbillError } from "../../platform/errors.ts";
import { runCommand } from "../run-command.ts";

export function registerSecretsCommand(program: Command): void {
  const secrets = program.command("secrets").description("Stored secrets, encrypted at rest");

  secrets
    .command("rotate")
    .description(
      "Seal every stored secret with a new data key per organization under the current master key " +
        "(--new-master-key: make a new master key in the key file first)",
    )
    .option("--new-master-key", "make a new master key in the data folder's key file, and retire the old one")
    .action(
      runCommand(async (options: { newMasterKey?: boolean }) => {
        const { databaseLocationOf, openMigratedDatabase, rotateSecrets } = await import("../../app.ts");
        const { readConfiguration } = await import("../../platform/config.ts");
        const keyRing = await import("../../platform/secrets/key-ring.ts");
        const { newKeyText } = await import("../../platform/secrets/key-text.ts");
        const configuration = readConfiguration();
        const keysInFile = configuration.keys.masterKey === undefined;
        if (options.newMasterKey) {
          if (!keysInFile) {
            throw new FairbillError({
              code: "master_key_in_environment",
              status: 400,
              detail:
                "The master key comes from FAIRBILL_MASTER_KEY: set the new key there, the old one in " +
                "FAIRBILL_PREVIOUS_MASTER_KEYS, and run fairbill secrets rotate without --new-master-key.",
            });
          }
          keyRing.addMasterKeyToFile(configuration.dataDirectory, newKeyText());
        }
        keyRing.setKeyRing(keyRing.loadKeyRing(configuration));
        const handle = await openMigratedDatabase(databaseLocationOf(configuration));
        try {
          const rotation = await rotateSecrets(handle.database);
          if (keysInFile) keyRing.dropPreviousMasterKeysFromFile(configuration.dataDirectory);
          process.stdout.write(
            `${rotation.secrets} secret(s) of ${rotation.organizations} organization(s) sealed with new data keys ` +
              `under master key ${keyRing.currentKeyRing().masterKeys[0]?.id}; ` +
              `${rotation.dataKeysDeleted} old data key(s) deleted\n`,
          );
        } finally {
          await handle.close();
        }
      }),
    );
}

// The rules of the cache that change notifications drop (change-notifications.ts),
// on a feed whose listener the test drives by hand: nothing is served until it
// listens, an entry is only returned within its scope, a change drops its
// scope, a read that overlaps a change is not kept, a reconnect drops all,
// and a process's own announcement keeps it reading the database until its
// notification comes back.
import { describe, expect, it } from "vitest";
import { ChangeCache } from "./change-cache.ts";
import { ChangeFeed, type ChangeListener, registerChangeFeed } from "./change-notifications.ts";
import type { Database } from "./schema.ts";

type Handlers = Parameters<ChangeListener["start"]>[0];

function feedOnHand(): { database: Database; feed: ChangeFeed; listener: () => Handlers } {
  let handlers: Handlers | undefined;
  const feed = new ChangeFeed({
    start: (given) => {
      handlers = given;
    },
    stop: async () => {},
  });
  // Any object stands for a handle's database: the feed is found by identity.
  const database = {} as Database;
  registerChangeFeed(database, feed);
  return {
    database,
    feed,
    listener: () => {
      // The feed starts its listener on first use.
      void feed.listening;
      if (handlers === undefined) throw new Error("the feed has not started its listener");
      return handlers;
    },
  };
}

function countingLoader() {
  let loads = 0;
  let value = "first";
  return {
    load: async () => {
      loads += 1;
      return value;
    },
    set: (next: string) => {
      value = next;
    },
    loads: () => loads,
  };
}

describe("ChangeCache", () => {
  it("serves nothing before its listener listens, then keeps what it read", async () => {
    const { database, listener } = feedOnHand();
    const cache = new ChangeCache<string>("meters");
    const loader = countingLoader();
    expect(await cache.read(database, "env_a", "all", loader.load)).toBe("first");
    expect(await cache.read(database, "env_a", "all", loader.load)).toBe("first");
    expect(loader.loads()).toBe(2);
    listener().listening();
    await cache.read(database, "env_a", "all", loader.load);
    await cache.read(database, "env_a", "all", loader.load);
    expect(loader.loads()).toBe(3);
  });

  it("returns an entry only within its scope, and a change drops its scope alone", async () => {
    const { database, listener } = feedOnHand();
    listener().listening();
    const cache = new ChangeCache<string>("meters");
    expect(await cache.read(database, "env_a", "all", async () => "a's")).toBe("a's");
    expect(await cache.read(database, "env_b", "all", async () => "b's")).toBe("b's");
    expect(await cache.read(database, "env_a", "all", async () => "read again")).toBe("a's");
    listener().heard(JSON.stringify({ topic: "meters", scope: "env_a" }));
    expect(await cache.read(database, "env_a", "all", async () => "a's new")).toBe("a's new");
    expect(await cache.read(database, "env_b", "all", async () => "read again")).toBe("b's");
    // Another topic's change leaves this one's entries.
    listener().heard(JSON.stringify({ topic: "features", scope: "env_b" }));
    expect(await cache.read(database, "env_b", "all", async () => "read again")).toBe("b's");
  });

  it("does not keep what a read returned when a change arrived while it ran", async () => {
    const { database, listener } = feedOnHand();
    listener().listening();
    const cache = new ChangeCache<string>("meters");
    const stale = await cache.read(database, "env_a", "all", async () => {
      listener().heard(JSON.stringify({ topic: "meters", scope: "env_a" }));
      return "read before the change committed";
    });
    expect(stale).toBe("read before the change committed");
    expect(await cache.read(database, "env_a", "all", async () => "current")).toBe("current");
  });

  it("drops everything when the listener's connection drops, and caches nothing until it is back", async () => {
    const { database, listener } = feedOnHand();
    listener().listening();
    const cache = new ChangeCache<string>("meters");
    const loader = countingLoader();
    await cache.read(database, "env_a", "all", loader.load);
    listener().lost();
    loader.set("second");
    expect(await cache.read(database, "env_a", "all", loader.load)).toBe("second");
    await cache.read(database, "env_a", "all", loader.load);
    expect(loader.loads()).toBe(3);
    listener().listening();
    loader.set("third");
    expect(await cache.read(database, "env_a", "all", loader.load)).toBe("third");
    expect(await cache.read(database, "env_a", "all", loader.load)).toBe("third");
    expect(loader.loads()).toBe(4);
  });

  it("reads the database after its own announcement until the notification comes back", async () => {
    const { database, feed, listener } = feedOnHand();
    listener().listening();
    const cache = new ChangeCache<string>("meters");
    const loader = countingLoader();
    await cache.read(database, "env_a", "all", loader.load);
    const payload = feed.announcement({ topic: "meters", scope: "env_a" });
    // Committed, but the notification is still on its way: the database is read, nothing kept.
    await cache.read(database, "env_a", "all", loader.load);
    await cache.read(database, "env_a", "all", loader.load);
    expect(loader.loads()).toBe(3);
    listener().heard(payload);
    await cache.read(database, "env_a", "all", loader.load);
    await cache.read(database, "env_a", "all", loader.load);
    expect(loader.loads()).toBe(4);
  });

  it("keeps only what `storable` allows of a bulk read", async () => {
    const { database, listener } = feedOnHand();
    listener().listening();
    const cache = new ChangeCache<{ state: string }>("plan_versions");
    let loaded: string[] = [];
    const read = () =>
      cache.readMany(
        database,
        "env_a",
        ["published", "draft"],
        async (missing) => {
          loaded = missing;
          return new Map(missing.map((id) => [id, { state: id }]));
        },
        (version) => version.state === "published",
      );
    await read();
    expect(loaded).toEqual(["published", "draft"]);
    await read();
    expect(loaded).toEqual(["draft"]);
  });
});

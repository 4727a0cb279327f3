// The front door of the console: serving the built web console and its sign-in.
// Other domains import only from here; everything else in the folder is private to it.
export { type ConsoleOptions, consoleExtension } from "./console-extension.ts";
export { findBuiltConsole } from "./console-files.ts";

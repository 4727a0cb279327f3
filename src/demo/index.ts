// The front door of the demo: the seller that `fairbill serve --demo` loads.
// Other domains import only from here; everything else in the folder is private to it.
export { seedDemoData } from "./seed-demo.ts";

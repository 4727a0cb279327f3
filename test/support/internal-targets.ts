// The URLs an attack on a running Fairbill gave as webhook endpoints and
// provider addresses (issue 18, finding 4): this machine, the metadata
// service, a database port, IPv6 loopback, the unspecified address, loopback
// as one decimal number, and credentials in the URL. None may be saved.
export const internalTargets = [
  "http://127.0.0.1/hook",
  "http://169.254.169.254/latest/meta-data/",
  "http://localhost:5432/",
  "http://metadata.google.internal/computeMetadata/v1/",
  "http://[::1]/hook",
  "http://0.0.0.0/hook",
  "http://2130706433/hook",
  "https://user:password@hooks.example.com/hook",
];

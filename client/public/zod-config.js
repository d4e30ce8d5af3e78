// The portal's Content-Security-Policy forbids eval, and zod probes for it with `new Function` as soon as
// its schemas are built. This classic script runs before the app's modules and turns the probe off.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });

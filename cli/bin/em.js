#!/usr/bin/env node
// The `em` command as npm installs it: runs the TypeScript entry through tsx (a runtime dependency),
// without reading a tsconfig from wherever the command is run.
import { tsImport } from 'tsx/esm/api';

await tsImport('../em.ts', { parentURL: import.meta.url, tsconfig: false });

#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, the one way l4check runs .ts outside vitest.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');

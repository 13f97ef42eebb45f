import { benchValidate } from './validate.js';
await benchValidate(Number(process.argv[2] ?? 1_000_000));

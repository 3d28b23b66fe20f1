// Loaded with `node --import` by run-action.mjs: writes the process's resource usage (maxRSS in KiB) as it exits.
import { writeFileSync } from 'node:fs'

const file = process.env.ACTION_USAGE_FILE
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())))

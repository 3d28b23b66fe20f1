/**
 * The one entry of the action, for the main step and the post step alike (action.yml runs this bundle for
 * both): the main step saves an isPost state as it starts, which the runner hands back only to the post step.
 * The main step is in this chunk (every run needs it); the post step and each path of main load when taken.
 */
import { isPostStep } from './report/outputs.js'
import { run } from './main.js'

if (isPostStep()) await (await import('./post.js')).run()
else await run()

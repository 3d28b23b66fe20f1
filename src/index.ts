/**
 * The one entry of the action, for the main step and the post step alike (action.yml runs this bundle for
 * both): the main step saves an isPost state as it starts, which the runner hands back only to the post step.
 * Each step is loaded only when it runs.
 */
import { isPostStep } from './report/outputs.js'

if (isPostStep()) await (await import('./post.js')).run()
else await (await import('./main.js')).run()

import {resultKey} from './keys.js';
import {taskRelativePath} from './safe-path.js';
import type {Task, TaskOutput} from './task.js';

/**
 * The outputs of `task` at `biobank`: each output's path with that biobank's result key
 * (`jobs/<user>/<jobid>/<biobank>/results/<path without ./>`). Derived from the paths, never
 * taken from `object`, because the common task.json holds whichever biobank was written last.
 * For a task `readTask` accepted; a hand-made one with an unsafe path throws `InvalidName`.
 */
export function outputsFor(task: Task, biobank: string): TaskOutput[] {
	return task.outputs.map((output) => ({
		...output,
		object: resultKey(task.id, biobank, taskRelativePath(output.path)),
	}));
}

/**
 * The task.json of one biobank, made from the job's task as the Python requester tool does:
 * the same document with that biobank's result keys in `outputs` and, when given, its own `date`
 * (the tool stamps each copy with `datetime.now()` and writes the same time in `status/submitted`).
 * The tool then writes its last biobank's copy as the common task.json; so do we.
 */
export function biobankTask(task: Task, biobank: string, options: {date?: string} = {}): Task {
	if (!task.biobanks.includes(biobank)) {
		throw new RangeError(`The job ${task.id} does not target the biobank ${biobank}.`);
	}

	return {...task, date: options.date ?? task.date, outputs: outputsFor(task, biobank)};
}

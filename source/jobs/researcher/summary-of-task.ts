import {builtInCatalogue} from '../../protocol/catalogue.js';
import type {Task} from '../../protocol/task.js';
import type {TaskSummary} from '../../protocol/task-summary.js';
import {analysisTypeOf} from '../analysis-type-of.js';

/** What the jobs table shows of a task.json that was read (a job written by the Python tools). */
export function summaryOfTask(task: Task): TaskSummary {
	return {
		name: task.name,
		description: task.description,
		requestor: task.requestor,
		biobanks: task.biobanks,
		type: analysisTypeOf(task, builtInCatalogue),
	};
}

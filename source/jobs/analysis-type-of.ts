import type {Catalogue} from '../protocol/catalogue.js';
import type {Task} from '../protocol/task.js';

/**
 * Which analysis type a task is: task.json has no such field, so it is told by the type's
 * description (what the Python tool writes), and failing that by its fixed input objects.
 */
export function analysisTypeOf(task: Task, catalogue: Catalogue): string {
	const byDescription = catalogue.analysisTypes.find(
		(type) => type.description === task.description,
	);
	if (byDescription) return byDescription.id;
	const byInputs = catalogue.analysisTypes.find(
		(type) =>
			type.inputs.length > 0 &&
			type.inputs.every((input) =>
				task.inputs.some((used) => used.bucket === input.bucket && used.object === input.object),
			),
	);
	return byInputs?.id ?? 'other';
}

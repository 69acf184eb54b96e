import prettyBytes from 'pretty-bytes';
import type {PreparedSubmit} from '../../../../jobs/researcher/submit-job.js';
import {biobankTaskKey, markerKey, requestKey, taskKey} from '../../../../protocol/keys.js';

/** Exactly what submitting will upload and write, in the order it happens. */
export function reviewLines(
	prepared: PreparedSubmit,
	sizes: ReadonlyMap<string, number>,
): string[] {
	const {plan} = prepared;
	const {task} = plan;
	const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
	return [
		`${task.name} → ${task.biobanks.join(', ')} as job ${task.id}`,
		`Requirements: ${task.requirements.join(', ') || 'none'} · ${task.resources.cpuCores} cores, ${task.resources.ramGb} GB RAM, ${task.resources.diskGb} GB disk, ${task.resources.timeHours} h${task.resources.preemptible ? ', preemptible' : ''}`,
		`Outputs expected: ${task.outputs.map((output) => output.path).join(', ')}`,
		'',
		`Upload (${prettyBytes(total)}):`,
		...plan.uploads.map(
			(upload) =>
				`  ${upload.file.padEnd(30)} ${prettyBytes(sizes.get(upload.file) ?? 0).padStart(9)}  → ${upload.key}`,
		),
		...(plan.uploads.length === 0
			? ['  nothing: this analysis uses only its own pipeline files']
			: []),
		'Then write:',
		...plan.biobankTasks.flatMap(({biobank}) => [
			`  ${biobankTaskKey(task.id, biobank)}`,
			`  ${markerKey(task.id, biobank, 'submitted')}`,
		]),
		`  ${taskKey(task.id)}`,
		'And last, the inbox notes the analysts see:',
		...plan.biobankTasks.map(({biobank}) => `  ${requestKey(biobank, task.id)}`),
	];
}

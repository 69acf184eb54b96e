import {knownFields} from './task-schema.js';
import type {Extra, ObjectLocation, Task} from './task-types.js';

/** `<bucket>/<object>`, the task.json's `url`. */
export function objectUrl(location: ObjectLocation): string {
	return `${location.bucket}/${location.object}`;
}

/** Python's `json.dumps(value, indent=2)`: the same text as JSON.stringify but for non-ASCII escapes. */
export function pythonJson(value: unknown): string {
	return JSON.stringify(value, null, 2).replace(
		/[\u007f-\uffff]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

export function toWire(task: Task): Record<string, unknown> {
	const {resources} = task;
	return {
		ID: task.id,
		name: task.name,
		description: task.description,
		'csc-user': task.cscUser,
		requestor: task.requestor,
		date: task.date,
		biobanks: task.biobanks,
		requirements: task.requirements,
		resources: withWireExtra(
			{
				cpuCores: resources.cpuCores,
				ramGb: resources.ramGb,
				diskGb: resources.diskGb,
				timeHours: resources.timeHours,
				preemptible: resources.preemptible,
			},
			resources.extra,
		),
		storageserver: task.storageServer,
		inputs: task.inputs.map((item) =>
			withWireExtra(
				{
					name: item.name,
					description: item.description,
					bucket: item.bucket,
					object: item.object,
					url: objectUrl(item),
					path: item.path,
					type: item.type,
				},
				item.extra,
			),
		),
		outputs: task.outputs.map((item) =>
			withWireExtra(
				{bucket: item.bucket, object: item.object, url: objectUrl(item), path: item.path},
				item.extra,
			),
		),
		instructions: task.instructions.map((item) =>
			withWireExtra({bucket: item.bucket, object: item.object}, item.extra),
		),
		...extraEntries(task.extra, knownFields.task),
	};
}

function withWireExtra(known: Record<string, unknown>, extra: Extra | undefined) {
	return {...known, ...extraEntries(extra, Object.keys(known))};
}

/** Extra fields that do not shadow a known one; `fromEntries` keeps even a `__proto__` key as data. */
export function extraEntries(extra: Extra | undefined, known: readonly string[]): Extra {
	if (!extra) {
		return {};
	}

	return Object.fromEntries(Object.entries(extra).filter(([key]) => !known.includes(key)));
}

export function withExtra<T extends object>(
	known: T,
	wire: object,
	knownKeys: readonly string[],
): T & {extra?: Extra} {
	const extra = extraEntries(wire as Extra, knownKeys);
	return Object.keys(extra).length > 0 ? {...known, extra} : known;
}

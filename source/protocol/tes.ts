import {resultKey} from './keys.js';
import {checkRelativePath} from './safe-path.js';
import type {ObjectLocation, Task} from './task.js';

// GA4GH Task Execution Schema v1.1: only the fields a client sends when it creates a task.

export type TesFileType = 'FILE' | 'DIRECTORY';

export type TesInput = {
	name?: string;
	description?: string;
	url: string;
	path: string;
	type: TesFileType;
};

export type TesOutput = {name?: string; url: string; path: string; type: TesFileType};

export type TesExecutor = {image: string; command: string[]; workdir?: string};

export type TesResources = {
	cpu_cores: number;
	ram_gb: number;
	disk_gb: number;
	preemptible: boolean;
};

export type TesTask = {
	name: string;
	description: string;
	inputs: TesInput[];
	outputs: TesOutput[];
	resources: TesResources;
	executors: TesExecutor[];
	tags: Record<string, string>;
};

export type TesOptions = {
	/** The biobank whose results the outputs go to. */
	biobank: string;
	/** The working folder inside the container; paths of the task are placed under it. */
	workdir?: string;
	/** How a Swift object is named for the TES server; default `swift://<bucket>/<object>`. */
	objectUrl?: (location: ObjectLocation) => string;
	/** The image to run when the job names no container (e.g. one inside the pipeline tarball). */
	image?: string;
	/** The command to run; see `toTesTask`. */
	command?: string[];
};

export type TesResult = {ok: true; tes: TesTask} | {ok: false; reason: string};

const containerFile = /\.(?:sif|simg)$/i;
const dockerPrefix = 'docker://';

/**
 * A job as a TES task for one biobank. TES requires at least one executor with an image, and a
 * task.json names none directly, so the image comes from the job's inputs: a `.sif`/`.simg` file
 * runs from its path in the container, a `docker://` input names an image (and is not
 * downloaded). A job that names no container and gets no `options.image` is refused: an image
 * is never invented. The instructions are prose for the analyst, never executed, so no command
 * can be derived: without `options.command` the executor prints the instructions (`cat`), which
 * keeps the task valid and harmless until the analyst writes the real command.
 */
export function toTesTask(task: Task, options: TesOptions): TesResult {
	const workdir = (options.workdir ?? '/data').replace(/\/+$/, '') || '/';
	const url = options.objectUrl ?? ((location) => `swift://${location.bucket}/${location.object}`);
	const inside = (relative: string): string =>
		workdir === '/' ? `/${relative}` : `${workdir}/${relative}`;

	const images: string[] = options.image === undefined ? [] : [options.image];
	const inputs: TesInput[] = [];
	for (const input of task.inputs) {
		const docker = [input.name, input.object].find((value) => value.startsWith(dockerPrefix));
		if (docker !== undefined) {
			images.push(docker.slice(dockerPrefix.length));
			continue;
		}

		const path = checkRelativePath(input.path);
		if (!path.ok) {
			return {ok: false, reason: `The input ${input.name}: ${path.reason}`};
		}

		inputs.push({
			name: input.name,
			description: input.description,
			url: url(input),
			path: inside(path.relative),
			type: input.type,
		});
		if (containerFile.test(path.relative)) {
			images.push(inside(path.relative));
		}
	}

	const instructionPaths: string[] = [];
	for (const instruction of task.instructions) {
		const name = instruction.object.slice(instruction.object.lastIndexOf('/') + 1);
		const path = checkRelativePath(`instructions/${name}`);
		if (!path.ok) {
			return {ok: false, reason: `The instructions ${instruction.object}: ${path.reason}`};
		}

		instructionPaths.push(inside(path.relative));
		inputs.push({name, url: url(instruction), path: inside(path.relative), type: 'FILE'});
	}

	if (images.length === 0) {
		return {
			ok: false,
			reason:
				'The job names no container (no .sif, .simg or docker:// input), and a TES task needs an executor image: give one to export it.',
		};
	}

	const outputs: TesOutput[] = [];
	for (const output of task.outputs) {
		const path = checkRelativePath(output.path);
		if (!path.ok) {
			return {ok: false, reason: `The output ${output.path}: ${path.reason}`};
		}

		const object = resultKey(task.id, options.biobank, path.relative);
		outputs.push({
			url: url({bucket: output.bucket, object}),
			path: inside(path.relative),
			type: 'FILE',
		});
	}

	const command =
		options.command ?? (instructionPaths.length > 0 ? ['cat', ...instructionPaths] : ['true']);
	const {resources} = task;
	return {
		ok: true,
		tes: {
			name: task.name,
			description: task.description,
			inputs,
			outputs,
			resources: {
				cpu_cores: resources.cpuCores,
				ram_gb: resources.ramGb,
				disk_gb: resources.diskGb,
				preemptible: resources.preemptible,
			},
			executors: [...new Set(images)].map((image) => ({image, command, workdir})),
			tags: {
				intervene_job_id: task.id,
				intervene_biobank: options.biobank,
				intervene_requester: task.cscUser,
				time_hours: String(resources.timeHours),
			},
		},
	};
}

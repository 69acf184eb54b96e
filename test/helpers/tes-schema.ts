import {z} from 'zod';

// The parts of GA4GH TES 1.1 (openapi/task_execution_service.openapi.yaml) a created task must
// meet: tesTask requires executors; tesExecutor image and command; tesInput path and type, with
// url unless content is given; tesOutput path, url and type. Paths are absolute in the container.
const absolute = z.string().startsWith('/');
const fileType = z.enum(['FILE', 'DIRECTORY']);
/** A TES 1.1 task as a server would accept it (tesTask, tesExecutor, tesInput, tesOutput). */
export const tesSchema = z.object({
	name: z.string().optional(),
	description: z.string().optional(),
	inputs: z
		.array(
			z
				.object({
					url: z.string().min(1).optional(),
					content: z.string().optional(),
					path: absolute,
					type: fileType,
				})
				.refine(
					(input) => input.url !== undefined || input.content !== undefined,
					'url or content',
				),
		)
		.optional(),
	outputs: z.array(z.object({url: z.string().min(1), path: absolute, type: fileType})).optional(),
	resources: z
		.object({
			cpu_cores: z.number().int(),
			ram_gb: z.number(),
			disk_gb: z.number(),
			preemptible: z.boolean(),
		})
		.partial()
		.optional(),
	executors: z.array(z.object({image: z.string().min(1), command: z.array(z.string())})).min(1),
	tags: z.record(z.string(), z.string()).optional(),
});

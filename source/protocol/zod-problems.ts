import type {z} from 'zod';
import {problemAt, type Problem} from './problem.js';

/** Zod's issues in the words of a person fixing a task.json or a catalogue. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
	return issues.map((issue) => problemAt(issue.path, describeIssue(issue)));
}

function describeIssue(issue: z.core.$ZodIssue): string {
	if (issue.code === 'invalid_type') {
		if (!('input' in issue) || issue.input === undefined) {
			return 'is missing';
		}

		// Zod's own wording starts so; a message written in this file is kept as it is.
		return issue.message.startsWith('Invalid input')
			? `must be ${expectedName(issue.expected)}, not ${describeValue(issue.input)}`
			: issue.message;
	}

	return issue.message;
}

function expectedName(expected: string): string {
	const names: Record<string, string> = {
		string: 'text',
		number: 'a number',
		boolean: 'true or false',
		array: 'a list',
		object: 'an object',
	};
	return names[expected] ?? expected;
}

function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') {
		return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
	}

	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
}

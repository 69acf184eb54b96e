/** What is wrong with one field of a document, for a person: `inputs[0].path: is absolute…`. */
export type Problem = {
	/** The field, as `resources.cpuCores` or `inputs[0].url`; empty for the whole document. */
	path: string;
	message: string;
};

export function problemAt(path: ReadonlyArray<PropertyKey>, message: string): Problem {
	return {path: fieldPath(path), message};
}

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
	let text = '';
	for (const part of path) {
		if (typeof part === 'number') {
			text += `[${part}]`;
		} else {
			text += text === '' ? String(part) : `.${String(part)}`;
		}
	}

	return text;
}

export function formatProblem(problem: Problem): string {
	return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** A problem for each item of `list` that an earlier item already holds. */
export function repeated(list: readonly string[], at: (index: number) => PropertyKey[]): Problem[] {
	return list.flatMap((item, index) =>
		list.indexOf(item) === index ? [] : [problemAt(at(index), `repeats ${item}`)],
	);
}

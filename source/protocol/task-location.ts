import {checkName} from './names.js';
import {problemAt, type Problem} from './problem.js';
import {checkObjectKey, type WireLocation} from './task-schema.js';
import type {ObjectLocation} from './task-types.js';

/** Bucket and object of an item: the url wins where it disagrees, and the job-folder slash is restored. */
export function reconcile(
	value: WireLocation,
	path: PropertyKey[],
	jobFolder: string | undefined,
	problems: Problem[],
	repairs: Problem[],
): ObjectLocation {
	let {bucket, object} = value;
	const fromUrl = value.url === undefined ? undefined : splitUrl(value.url);
	if (fromUrl) {
		if (bucket !== undefined && bucket !== fromUrl.bucket) {
			repairs.push(
				problemAt([...path, 'bucket'], `was ${bucket}; the url names ${fromUrl.bucket}`),
			);
		}

		if (object !== undefined && object !== fromUrl.object) {
			repairs.push(
				problemAt([...path, 'object'], `was ${object}; the url names ${fromUrl.object}`),
			);
		}

		({bucket, object} = fromUrl);
	} else if (value.url !== undefined) {
		const message = `${JSON.stringify(value.url)} is not of the form <bucket>/<object>`;
		if (bucket === undefined || object === undefined) {
			problems.push(problemAt([...path, 'url'], message));
		} else {
			repairs.push(problemAt([...path, 'url'], `${message}; bucket and object are used`));
		}
	}

	if (bucket === undefined) {
		problems.push(problemAt([...path, 'bucket'], 'is missing'));
		return {bucket: '', object: object ?? ''};
	}

	if (object === undefined) {
		problems.push(problemAt([...path, 'object'], 'is missing'));
		return {bucket, object: ''};
	}

	const repaired = jobFolder === undefined ? object : restoreFolderSlash(object, jobFolder);
	if (repaired !== object) {
		repairs.push(problemAt([...path, 'object'], `was ${object}; a "/" was missing`));
	}

	return {bucket, object: repaired};
}

function splitUrl(url: string): ObjectLocation | undefined {
	const slash = url.indexOf('/');
	const bucket = url.slice(0, slash);
	const object = url.slice(slash + 1);
	if (slash <= 0 || !checkName('bucket', bucket).ok || checkObjectKey(object) !== undefined) {
		return undefined;
	}

	return {bucket, object};
}

// The pgsc_calc branch of the requester tool writes `pseudofolder + input_file`: `…/inputdata.txt`.
function restoreFolderSlash(object: string, jobFolder: string): string {
	if (!object.startsWith(jobFolder)) {
		return object;
	}

	const rest = object.slice(jobFolder.length);
	const match = /^(input|[^/]+\/results)([^/].*)$/s.exec(rest);
	return match ? `${jobFolder}${match[1]}/${match[2]}` : object;
}

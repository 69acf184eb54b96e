import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

// The fixtures sit beside the repository (../shared), both in a developer's tree and in CI.
const root = new URL('../../../shared/fixtures/python-tools-bucket/', import.meta.url);

export type FixtureObject = {key: string; bytes: number; content_type: string};

export const fixtureIndex = JSON.parse(readFileSync(new URL('index.json', root), 'utf8')) as {
	bucket: string;
	objects: FixtureObject[];
};

export function fixtureText(key: string): string {
	return readFileSync(fileURLToPath(new URL(`objects/${key}`, root)), 'utf8');
}

export const jobId = '1795597505-requester';
export const jobFolder = `jobs/requester/${jobId}`;

import type {ObjectRef} from '../store.js';
import type {HttpResponse} from './http.js';

/** A 2xx: anything else becomes a typed error by `errorFromResponse`. */
export const ok = (response: HttpResponse) => response.status >= 200 && response.status < 300;

/** An object named in an error message. */
export function where(ref: ObjectRef): string {
	return `${ref.key} in container ${ref.container}`;
}

// Child process for tests: opens the state store at argv[2] and prints the outcome as JSON.
import { StateStore } from '../../nodes/shared/store/stateStore';

try {
	StateStore.open(process.argv[2]).close();
	process.stdout.write(JSON.stringify({ opened: true }));
} catch (error) {
	process.stdout.write(JSON.stringify({ opened: false, message: (error as Error).message }));
}

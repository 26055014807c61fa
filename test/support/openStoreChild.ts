// Child process for tests: opens the state store at argv[2] and prints the outcome as JSON.
import { SqliteStore } from '../../nodes/shared/store/sqliteStore';

try {
	SqliteStore.open(process.argv[2]).close().catch(() => undefined);
	process.stdout.write(JSON.stringify({ opened: true }));
} catch (error) {
	process.stdout.write(JSON.stringify({ opened: false, message: (error as Error).message }));
}

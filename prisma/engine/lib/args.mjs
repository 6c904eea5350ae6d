// The command line the Prisma CLI gives a schema engine:
//   schema-engine [--datamodels FILE]... [--datasource JSON] [--enabled-preview-features a,b]
//                 [--extension-types JSON] [cli <command>] | --version | --help
import fs from 'node:fs';

/**
 * @param {string[]} argv
 * @returns {{ datamodels: [string, string][], datasource?: { url?: string }, cliCommand?: string, version: boolean, help: boolean }}
 */
export function parseArgs(argv) {
  /** @type {ReturnType<typeof parseArgs>} */
  const out = { datamodels: [], version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--datamodels':
      case '-d': {
        const file = value();
        out.datamodels.push([file, fs.readFileSync(file, 'utf8')]);
        break;
      }
      case '--datasource':
        out.datasource = JSON.parse(value());
        break;
      case '--enabled-preview-features':
      case '--extension-types':
        value(); // nothing to enable in this build
        break;
      case '--version':
      case '-V':
        out.version = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      case 'cli':
        out.cliCommand = argv[++i];
        if (!out.cliCommand) throw new Error('cli needs a command: can-connect-to-database | create-database | drop-database');
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return out;
}

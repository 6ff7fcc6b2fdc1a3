// The cdktf CLI's entry point (`cdktf synth`, `cdktf deploy`): settings in, two stacks out.
// `npm run synth` builds the same stacks through tools/synth and also writes the HCL.
import { App } from "cdktf";
import { prepareCdktfContextEnv } from "./config/context";
import { SettingsError } from "./config/errors";
import { loadProjectSettings } from "./config/project";
import { projectRoot } from "./config/root";
import { buildStacks } from "./stacks/build";

try {
  // Settings first: a bad value must fail before App creates any output folder.
  prepareCdktfContextEnv();
  const settings = loadProjectSettings(projectRoot(__dirname));
  const app = new App();
  buildStacks(app, settings);
  app.synth();
} catch (e) {
  // One line for the user, never a stack trace; SYNTH_DEBUG=1 shows it for a bug of ours.
  const message = e instanceof Error ? e.message : String(e);
  console.error(`error: ${message.replace(/\s*\n\s*/g, " ")}`);
  if (!(e instanceof SettingsError) && e instanceof Error) {
    console.error(process.env.SYNTH_DEBUG === "1" ? e.stack : "(an unexpected error: set SYNTH_DEBUG=1 to see where it happened)");
  }
  process.exit(1);
}

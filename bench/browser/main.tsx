import '../../src/styles/readby.css';
import './page.css';
import type { BadgeUI, BurstShape } from './protocol';
import { runPage } from './runPage';

const params = new URLSearchParams(location.search);
window.benchRun = runPage({
  ui: params.get('ui') as BadgeUI,
  shape: params.get('shape') as BurstShape,
  seed: Number(params.get('seed') ?? 1),
});

// Background: owns the database, seeds it from the bundled dataset, answers the protocol, sets the badge.
import { defineBackground } from 'wxt/utils/define-background';
import bundledJson from '../../data/takedowns.json';
import { createBackgroundHandlers } from '../../extension/background/backgroundHandlers';
import { toolbarBadge } from '../../extension/background/badge';
import { TakedownService } from '../../extension/background/takedownService';
import { answerFromBackground } from '../../extension/messaging';
import { seedFromBundled } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { formatProblems, validateDataset } from '../../lib/dataset/validateDataset';

export default defineBackground(() => {
  const db = new TakedownDb();
  // Seeding on every start (not only onInstalled) also repairs a database that was cleared behind our back.
  const service = new TakedownService(db, async () => {
    const bundled = validateDataset(bundledJson);
    if (!bundled.ok) throw new Error(`The bundled dataset is invalid:\n${formatProblems(bundled.problems)}`);
    await seedFromBundled(db, bundled.data);
  });
  answerFromBackground(createBackgroundHandlers(service, toolbarBadge));
});

import { DemoService } from '../../../src/domain/demo/demo.service';
import { generateDemo } from '../../../src/domain/demo/demo-generator';
import { closeAllHarnesses, openHarness } from '../import/import-harness';

afterAll(closeAllHarnesses);

test('loads the small trade-fair network with touchpoints and bookings, and a second load with the same seed changes nothing', async () => {
  const h = await openHarness();
  const demo = new DemoService(h.services.imports, h.services.touchpoints, h.services.bookings);
  const data = generateDemo('small', 5);
  const first = await demo.load('small', 5, { actor: 'test:demo' });
  expect(first.rejected).toBe(0);
  expect(first.entities.created).toBe(data.entities.length);
  expect(first.relationships.created).toBe(data.relationships.length);
  expect(first.touchpoints).toBe(data.touchpoints.length);
  expect(first.bookings).toBe(data.bookings.length);
  const counts = await h.counts();

  const second = await demo.load('small', 5, { actor: 'test:demo' });
  expect(second.entities).toEqual({ created: 0, updated: 0, unchanged: data.entities.length });
  expect(second.relationships).toEqual({ created: 0, updated: 0, unchanged: data.relationships.length });
  expect(second.bookings).toBe(0);
  expect(await h.counts()).toEqual(counts);
  expect(Object.keys(counts.kinds).sort()).toEqual(
    ['Booth', 'Building', 'Device', 'Gathering', 'Organization', 'Person', 'Room', 'Site', 'Vehicle'].sort(),
  );
}, 60_000);

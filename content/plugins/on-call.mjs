// Foyer's on-call card: who answers a page for a service, from the annotation its teams write
// (`foyer.dev/on-call: payments-primary`), with a link to the rotation's schedule.
export default {
  name: 'on-call',
  // options from portal.yaml; any object with safeParse (a zod schema) validates them
  options: {
    safeParse: (o) => typeof o?.schedules === 'string' && o.schedules.startsWith('https://')
      ? { success: true, data: o }
      : { success: false, error: { issues: [{ path: ['schedules'], message: 'the https address of the schedules, e.g. https://oncall.example.com/rotations' }] } },
  },
  entityCards(entity, { options }) {
    const rotation = entity.metadata.annotations?.['foyer.dev/on-call'];
    if (!rotation) return [];
    return [{
      title: 'On call',
      body: `Pages for ${entity.metadata.title ?? entity.metadata.name} go to the ${rotation} rotation.`,
      links: [{ label: 'Who is on call now', url: `${options.schedules}/${encodeURIComponent(rotation)}` }],
    }];
  },
};

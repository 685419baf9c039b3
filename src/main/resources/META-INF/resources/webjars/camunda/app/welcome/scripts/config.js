// The Camunda welcome page of the integration hub: Camunda's own config.js (camunda-webapp-webjar),
// replaced from the hub's classpath, with one custom link: the monitoring dashboard (docs/dashboard.md).
// The dashboard checks access itself: process owners, managers and administrators.
export default {
  links: [
    {
      label: 'Monitoring',
      href: '/dashboard',
      description: 'Monitoring integratieroute: taakstelling, zaken per fase, termijnen, werk, inburgering en middelen'
    }
  ]
};

// Renders /api/openapi.yaml. validatorUrl null: the page must not call swagger.io (the CSP forbids it anyway).
window.ui = SwaggerUIBundle({
  url: '/api/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});

// Starts Swagger UI on the service's OpenAPI document, named by the page. A file of its
// own, not an inline script, so the page's Content-Security-Policy allows 'self' only.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No badge from the public validator: it would send the document's address away.
    validatorUrl: null
  });
});

/* replydraft sidebar: draft the open ticket, show its flags, insert the approved text.
 *
 * Everything goes through the ZAF client: the ticket through Zendesk's own API, the draft
 * through replydraft with the secure api_key setting (the browser never sees the key).
 * "verify" flags must each be ticked before the text can be inserted; a "block" flag keeps
 * insertion off. Nothing is ever sent to the customer from here.
 */
(function () {
  "use strict";

  var client = window.ZAFClient.init();
  var el = function (id) { return document.getElementById(id); };

  function setStatus(text, isError) {
    el("status").textContent = text;
    el("status").className = isError ? "error" : "";
  }

  function ticketPayload(ticketId) {
    var base = "/api/v2/tickets/" + encodeURIComponent(ticketId);
    return Promise.all([
      client.request(base + ".json"),
      client.request(base + "/comments.json?include=users"),
    ]).then(function (answers) {
      return {
        ticket: answers[0].ticket,
        comments: answers[1].comments,
        users: answers[1].users || [],
      };
    });
  }

  function requestDraft(settings, payload) {
    var base = String(settings.replydraft_url || "").replace(/\/+$/, "");
    return client.request({
      url: base + "/v1/drafts/from/zendesk",
      type: "POST",
      contentType: "application/json",
      headers: { Authorization: "Bearer {{setting.api_key}}" },
      secure: true,
      data: JSON.stringify(payload),
    });
  }

  function updateInsert(report) {
    var blocked = report.flags.some(function (f) { return f.severity === "block"; });
    var boxes = Array.prototype.slice.call(el("flags").querySelectorAll("input"));
    var approved = boxes.every(function (b) { return b.checked; });
    el("insert-button").disabled = blocked || !approved || !el("draft").value.trim();
  }

  function show(report) {
    var list = el("flags");
    list.textContent = "";
    report.flags.forEach(function (flag) {
      var item = document.createElement("li");
      item.className = flag.severity;
      var text = flag.severity + ": " + flag.message;
      if (flag.severity === "verify") {
        var box = document.createElement("input");
        box.type = "checkbox";
        box.addEventListener("change", function () { updateInsert(report); });
        var label = document.createElement("label");
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + text));
        item.appendChild(label);
      } else {
        item.textContent = text;
      }
      list.appendChild(item);
    });
    if (!report.flags.length) {
      var none = document.createElement("li");
      none.textContent = "No flags.";
      list.appendChild(none);
    }
    el("draft").value = report.body;
    el("draft").oninput = function () { updateInsert(report); };
    el("result").hidden = false;
    setStatus(report.flags.some(function (f) { return f.severity === "block"; })
      ? "Blocked: fix the draft in replydraft before using it." : "Draft ready.");
    updateInsert(report);
  }

  el("draft-button").addEventListener("click", function () {
    setStatus("Drafting…");
    Promise.all([client.metadata(), client.get("ticket.id")])
      .then(function (got) {
        return ticketPayload(got[1]["ticket.id"]).then(function (payload) {
          return requestDraft(got[0].settings, payload);
        });
      })
      .then(show)
      .catch(function () { setStatus("replydraft could not draft this ticket.", true); });
  });

  el("insert-button").addEventListener("click", function () {
    client.invoke("ticket.editor.insert", el("draft").value).then(function () {
      setStatus("Inserted into the reply editor (not sent).");
    });
  });

  client.invoke("resize", { width: "100%", height: "520px" });
})();

"""/suppliers: registered once, with verified codes; finance and grant officers keep them."""

SUPPLIER = {"name": "Agro-Tekh LLC", "country": "UA", "registration_code": "14360570",
            "iban": "UA21 3223 1300 0002 6007 2335 6600 1"}


def test_a_finance_officer_registers_a_supplier(api, as_role):
    response = api.post("/suppliers", json=SUPPLIER, headers=as_role("finance_officer"))

    assert response.status_code == 201
    body = response.get_json()
    assert body["iban"] == "UA213223130000026007233566001"
    assert api.get(f"/suppliers/{body['id']}", headers=as_role("caseworker")).status_code == 200


def test_the_same_registration_twice_is_refused_naming_the_first(api, as_role):
    first = api.post("/suppliers", json=SUPPLIER, headers=as_role("grant_officer")).get_json()
    again = api.post("/suppliers", json={**SUPPLIER, "name": "Agro"}, headers=as_role("grant_officer"))

    assert again.status_code == 409
    assert again.get_json()["errors"] == {"supplier_id": first["id"]}


def test_a_bad_iban_is_a_422_on_its_field(api, as_role):
    response = api.post("/suppliers", json={**SUPPLIER, "iban": "UA213223130000026007233566002"},
                        headers=as_role("finance_officer"))

    assert response.status_code == 422
    assert list(response.get_json()["errors"]["json"]) == ["iban"]


def test_caseworkers_do_not_register_suppliers(api, as_role):
    assert api.post("/suppliers", json=SUPPLIER, headers=as_role("caseworker")).status_code == 403

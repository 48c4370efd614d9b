use ecc200::gs1::{self, ValidateOptions};

#[test]
fn smoke() {
    let inputs = [
        "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001",
        "(01)09506000134352(17)263231(10)ABC123",
        "(01)09506000134353(17)261232(10)ABC(123",
        "(01)09506000134352(10)ABC\\(123",
        "https://id.gs1.org/01/09506000134352/10/ABC123/21/SN1?17=261231&linkType=x",
        "]d201095060001343521726123110ABC123\x1d21SN0000000001",
        "(10)ABC17261231",
        "(21)X(01)09506000134352(02)09506000134352",
    ];
    for i in inputs {
        let r = gs1::check(i, &ValidateOptions::default());
        println!("{i}\n  {}", r.to_json());
        for e in &r.errors {
            println!("  E {e}");
        }
    }
}

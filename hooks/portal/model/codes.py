"""Every problem `check` reports has a stable code, declared here once with its fix.

A code names a family of messages: ``form`` is the message as a contributor
sees it, with «…» for the parts that change; the pattern that recognises the
family is read from the form itself, so the two cannot drift. The guide's
error page (docs/huong-dan/loi-kiem-tra.md) holds the tables :func:`markdown`
writes, and a test keeps them identical.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

UNKNOWN = "P-KHAC"
"""Code of a message no family recognises (a test keeps it unused)."""


@dataclass(frozen=True)
class Code:
    """One family of problems."""

    id: str
    """Stable code, e.g. ``P-REF-UNKNOWN``; never reused for another meaning."""
    section: str
    """Heading of the guide's error page it is listed under."""
    form: str
    """The message as shown, «…» and … standing for what changes."""
    fix: str
    """What it means and how to fix it (Markdown)."""

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        alternatives = []
        for part in self.form.split(" / "):
            pieces = [re.escape(p.strip()) for p in re.split(r"«…»|“…”|…|\(…\)", part) if p.strip()]
            alternatives.append(".*?".join(pieces))
        return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


_S, _F, _R, _D, _P, _O = (
    "Cú pháp phần thông tin", "Trường và giá trị", "Liên kết giữa các văn bản, danh mục",
    "Tệp và thư mục", "Bảo vệ thông tin của trẻ em", "Người duyệt (CODEOWNERS)",
)

# Order matters: the first family whose form matches a message names it, so
# a specific form comes before a more general one that would also match.
CODES: tuple[Code, ...] = (
    Code("P-SYN-START", _S, "Tệp phải bắt đầu bằng dòng «---» …", "Dòng đầu tiên của tệp phải đúng là `---` (không có dấu cách hay chữ trước đó)."),
    Code("P-SYN-END", _S, "Không tìm thấy dòng «---» kết thúc phần thông tin", "Thêm dòng `---` sau trường cuối cùng, trước nội dung."),
    Code("P-SYN-COLON", _S, "Lỗi cú pháp YAML: có dấu «:» ở chỗ không được phép …", "Giá trị có `: ` ở giữa (ví dụ một tiêu đề): đặt cả giá trị trong dấu nháy kép."),
    Code("P-SYN-CHAR", _S, "Lỗi cú pháp YAML: có ký tự không được phép ở đầu giá trị …", "Giá trị bắt đầu bằng `@`, `` ` ``, `%`…: đặt trong dấu nháy kép, ví dụ `\"@ten-tai-khoan\"`."),
    Code("P-SYN-QUOTE", _S, "Lỗi cú pháp YAML: dấu nháy mở ở dòng này chưa được đóng", "Thêm dấu nháy đóng ở cuối giá trị."),
    Code("P-SYN-KEY", _S, "Lỗi cú pháp YAML: thiếu dấu «:» sau tên trường", "Mỗi dòng phải là `tên: giá trị`, có dấu cách sau dấu hai chấm."),
    Code("P-SYN-INDENT", _S, "… thụt lề không đều …", "Các trường cùng cấp phải thẳng hàng; mục con thụt vào đúng 2 dấu cách."),
    Code("P-SYN-TAB", _S, "… không dùng phím Tab …", "Xóa ký tự Tab, thụt lề bằng dấu cách."),
    Code("P-SYN-ANCHOR", _S, "Không dùng neo, bí danh hay thẻ YAML (&, *, !)", "Viết giá trị trực tiếp; nếu giá trị bắt đầu bằng các ký tự đó, đặt trong nháy kép."),
    Code("P-SYN-YAML", _S, "Lỗi cú pháp YAML …", "Đọc phần sau dấu hai chấm của thông báo: nó chỉ chỗ sai. Thường gặp: thiếu dấu cách sau «:», dấu nháy chưa đóng."),
    Code("P-SYN-EMPTY", _S, "Phần thông tin (front matter) đang trống / Tệp đang trống", "Giữa hai dòng `---` chưa có trường nào."),
    Code("P-SYN-SHAPE", _S, "Phần thông tin (front matter) phải là các dòng «tên: giá trị»", "Mỗi dòng là `tên: giá trị`; không bắt đầu phần thông tin bằng một danh sách hay một đoạn chữ."),
    Code("P-FILE-UTF8", _S, "Tệp không phải UTF-8 …", "Lưu lại tệp với bảng mã UTF-8 (trong Notepad: «Save as» → Encoding: UTF-8)."),
    Code("P-FILE-SIZE", _S, "Tệp quá lớn … / Dòng quá dài … / Phần thông tin quá …", "Chia nhỏ nội dung; xuống dòng trong đoạn văn dài."),
    Code("P-FIELD-REQUIRED", _F, "thiếu trường bắt buộc (…)", "Thêm trường đó; thông báo có ví dụ. Danh sách trường bắt buộc: [tham chiếu](tham-chieu/index.md)."),
    Code("P-FIELD-EMPTY", _F, "không được để trống (…)", "Trường có tên nhưng chưa có giá trị: điền vào, hoặc xóa dòng nếu trường không bắt buộc."),
    Code("P-FIELD-KIND", _F, "… không dùng trường «…»: …", "Trường này thuộc loại văn bản khác; thông báo nói nên ghi vào trường nào (ví dụ tin tức ghi năm qua `date`, không qua `year`)."),
    Code("P-FIELD-UNKNOWN", _F, "trường «…» không có trong mẫu …", "Tên trường viết sai hoặc không tồn tại; sửa theo gợi ý. Trường `unit` cũng bị báo như vậy: đơn vị do thư mục quyết định."),
    Code("P-FIELD-DUPLICATE", _F, "trường bị lặp lại (đã có ở dòng …)", "Một trường xuất hiện hai lần: xóa một dòng."),
    Code("P-FIELD-SHAPE", _F, "phải là một nhóm trường … / phải là … không phải một …", "Trường này là một nhóm `tên: giá trị` (hoặc một giá trị đơn): viết đúng dạng như ví dụ trong [tham chiếu](tham-chieu/index.md)."),
    Code("P-VALUE-CHOICE", _F, "«…» không hợp lệ; chọn một trong: …", "Giá trị phải là một trong các mã liệt kê, ví dụ `kind: plan`."),
    Code("P-VALUE-INTEGER", _F, "«…» phải là số nguyên viết liền … / nằm ngoài khoảng cho phép", "Năm, số lượng: chỉ chữ số, ví dụ `2024`."),
    Code("P-VALUE-BOOLEAN", _F, "«…» phải là true (có) hoặc false (không)", "Viết đúng `true` hoặc `false`."),
    Code("P-DATE-TIME", _F, "giờ … không tồn tại", "Giờ viết GIỜ:PHÚT sau chữ T, từ 00:00 đến 23:59: `2019-05-31T19:00`."),
    Code("P-DATE-LIST", _F, "«…» không đọc được: khoảng ngày viết … / bị ghi hai lần", "Khoảng ngày viết `2023-06-01..2023-06-30`; nhiều ngày rời nhau viết `2023-06-01, 2023-06-15`; không trộn hai cách, không ghi một ngày hai lần."),
    Code("P-DATE-INVALID", _F, "không phải ngày hợp lệ … / ngày … không tồn tại / tháng … không tồn tại / năm 0 không tồn tại / ngày kết thúc đứng trước ngày bắt đầu", "Viết `2024-02-15`, `2024-02-15T08:00`, `2024-02` hoặc `2024`; kiểm tra ngày có trong tháng."),
    Code("P-DATE-LUNAR", _F, "ngày âm lịch … / tháng âm lịch … / âm lịch năm … không tồn tại / ghi một trong hai: date (dương lịch) hoặc lunar", "Ngày âm lịch viết `lunar: 15/8`, `lunar: 15/8/2024` hoặc `lunar: rằm tháng Tám`, không ghi thêm `date`; kiểm tra tháng âm lịch năm đó có đủ ngày (tháng thiếu chỉ có 29 ngày)."),
    Code("P-TEXT-HIDDEN", _F, "có ký tự ẩn «…» (U+…) ở cột … / có ký tự điều khiển U+… ở cột …", "Ký tự vô hình (dấu cách rộng 0, gạch nối mềm, dấu đảo chiều chữ U+202E…) thường theo vào khi sao chép từ trang web hay tệp PDF: gõ lại đoạn chữ ở cột được nêu."),
    Code("P-TEXT-SCRIPT", _F, "«…» trộn chữ Latinh với chữ … trông giống hệt …", "Một chữ cái của bảng chữ khác (Kirin, Hy Lạp) trông như chữ Latinh: gõ lại từ đó bằng bàn phím tiếng Việt."),
    Code("P-VALUE-URL", _F, "«…» phải là địa chỉ web bắt đầu bằng https:// …", "Dán đầy đủ địa chỉ, có `https://`."),
    Code("P-VALUE-PATTERN", _F, "«…» không đúng dạng: …", "Viết theo dạng thông báo nêu (ví dụ số điện thoại chỉ có chữ số, mã chữ thường không dấu)."),
    Code("P-VALUE-TEXT", _F, "quá dài (…) / danh sách quá dài …", "Rút gọn giá trị hoặc danh sách theo giới hạn nêu trong thông báo."),
    Code("P-LIST", _F, "phải là một danh sách, mỗi mục bắt đầu bằng «- »", "Mục của danh sách viết trên dòng riêng, bắt đầu bằng `- `."),
    Code("P-FIGURE-NUMBER", _F, "«…» phải là một số viết bằng chữ số …", "Số liệu (`figures[].value`) chỉ ghi con số như `1.250` hoặc `7,5`; đơn vị tính ghi ở `unit`."),
    Code("P-VALUE-MEASURE", _F, "Giá trị “…” không hợp với chỉ số này: cần ghi …", "Chỉ tiêu đo bằng phần trăm thì ghi phần trăm, đo bằng «số đơn vị trên tổng số» thì ghi `14/14`…"),
    Code("P-VALUE-UNREADABLE", _F, "Không đọc được … / Giá trị … / Số “…” trong “…” dễ hiểu nhầm / Tỷ lệ phần … / mẫu số … / tử số …", "Dạng hợp lệ: `\"100%\"`, `\">= 80%\"`, `80% trở lên`, `xuống 12‰`, `dưới 1`, `\"14/14\"`, `1.250 trẻ`, `duy trì`. Dùng dấu phẩy cho số thập phân (7,5), dấu chấm tách hàng nghìn (1.250)."),
    Code("P-CAMPAIGN-UNKNOWN", _R, "chiến dịch «…» không có trong plans/campaigns.yml; các mã có: …", "Dùng một mã chiến dịch có sẵn, ví dụ `thang-hanh-dong` (xem [bảng mã](tham-chieu/index.md#ma-chien-dich))."),
    Code("P-INDICATOR-UNKNOWN", _R, "chỉ tiêu «…» không có trong plans/indicators.yml", "Dùng mã chỉ tiêu có trong danh mục ([bảng mã](tham-chieu/index.md#ma-chi-tieu)); cần chỉ tiêu mới thì nhờ người quản trị cổng."),
    Code("P-TARGET-DUPLICATE", _R, "chỉ tiêu «…» đã có ở targets[…]", "Mỗi chỉ tiêu chỉ ghi một lần trong một văn bản."),
    Code("P-REF-UNKNOWN", _R, "không tìm thấy văn bản «…» của … trên cổng", "Số hiệu hoặc tên tệp của văn bản được nhắc đến chưa có trên cổng: sửa theo các số hiệu gần giống mà thông báo nêu; nếu văn bản không có trên cổng, ghi cơ quan ban hành `issuer` kèm `number`, `date`, `title` (có thể giữ `unit` để liên kết tới trang đơn vị)."),
    Code("P-REF-UNIT", _R, "đơn vị «…» không có trong plans/: kiểm tra đường dẫn …", "`unit` của tham chiếu là đường dẫn thư mục đơn vị, ví dụ `thanh-hoa/ha-trung`; bỏ `unit` nếu cơ quan ban hành không có trang trên cổng."),
    Code("P-REF-OUTSIDE", _R, "văn bản ngoài cổng cần có số hiệu … / báo cáo kết quả phải chỉ tới một kế hoạch có trên cổng …", "Văn bản ngoài cổng ghi `issuer` và ít nhất `number` hoặc `title`; báo cáo kết quả chỉ báo cáo kế hoạch có trên cổng."),
    Code("P-REF-INCOMPLETE", _R, "cần ghi số hiệu (number) hoặc tên tệp (document) …", "Tham chiếu (`plan`, `implements`, `references`) phải chỉ rõ văn bản nào."),
    Code("P-REF-SELF", _R, "văn bản không thể tham chiếu đến chính nó / vòng tham chiếu: …", "Xóa tham chiếu tới chính văn bản, hoặc tới kế hoạch cấp dưới của nó."),
    Code("P-REF-NOT-PLAN", _R, "«…» không phải là kế hoạch", "Trường `plan` chỉ tới một văn bản `kind: plan`."),
    Code("P-RESULT-NO-TARGET", _R, "kế hoạch … không có chỉ tiêu «…»", "Báo cáo chỉ ghi kết quả cho các chỉ tiêu mà kế hoạch đã đặt."),
    Code("P-NUMBER-DUPLICATE", _R, "số hiệu … đã được dùng cho …", "Hai văn bản của một đơn vị trùng số hiệu: sửa số hiệu."),
    Code("P-ACTIVITY-YEAR", _R, "hoạt động đề ngày …, ngoài năm … của văn bản", "Sửa ngày, hoặc thêm `outside_year: true` nếu đúng là hoạt động diễn ra ngoài năm."),
    Code("P-UNIT-ENDED", _R, "… đã thôi tồn tại từ …, văn bản không thể đề ngày … / … đã thôi tồn tại từ …, văn bản không thể thuộc năm …", "Đơn vị (hoặc huyện, tỉnh cấp trên của nó) đã thôi tồn tại trước ngày của văn bản: đặt văn bản vào thư mục của đơn vị kế thừa mà thông báo nêu, hoặc sửa ngày nếu ghi nhầm."),
    Code("P-UNIT-LINEAGE", _R, "đơn vị cũ «…» không có trong plans/ … / đơn vị mang tên mới «…» không có trong plans/ … / không thể được tách ra từ chính nó / không thể đổi tên thành chính nó / hoặc được sáp nhập (merged_into) hoặc được đổi tên (renamed_to)", "Kiểm tra đường dẫn thư mục trong `split_from`, `renamed_to`, hoặc tạo đơn vị đó bằng `python -m portal new unit`; một đơn vị chỉ ghi một trong hai trường `merged_into`, `renamed_to`."),
    Code("P-UNIT-RENAMED-END", _R, "đơn vị đã đổi tên phải có ngày cuối cùng mang tên cũ (valid_to) …", "Thêm `valid_to`, ví dụ `valid_to: 2025-06-30`."),
    Code("P-YEAR-FAR", _R, "năm ban hành … cách quá xa năm thực hiện …", "Kiểm tra lại `year` và `issued`."),
    Code("P-NAME-DATE", _D, "tên tệp «…» ghi thời gian khác với ngày đăng … / tên tệp «…» bắt đầu bằng năm …", "Tên tệp bắt đầu bằng năm (và tháng) của văn bản, ví dụ tin ngày `2023-06-01` là `2023-06-….md`; tin chỉ ghi năm `2023` là `2023-….md`. Đổi tên tệp hoặc sửa ngày."),
    Code("P-NAME-CASE", _D, "tên tệp «…» trùng với «…» nếu không phân biệt chữ hoa, chữ thường …", "Hai tệp chỉ khác nhau ở chữ hoa, chữ thường (ví dụ `.MD` và `.md`) sẽ ghi đè nhau trên máy chủ web: đổi tên hoặc xóa một tệp."),
    Code("P-UNIT-CODE", _D, "mã đơn vị hành chính «…» đã dùng cho … trong cùng thời gian …", "Hai đơn vị cùng tồn tại không thể có cùng mã (`code`); mã của đơn vị đã thôi tồn tại có thể được dùng lại cho đơn vị thành lập sau đó."),
    Code("P-NAME-FILE", _D, "Tên tệp «…» phải viết chữ thường không dấu … / tên tệp «…» trùng với …", "Đổi tên tệp, ví dụ `2024-ke-hoach-12.md`."),
    Code("P-NAME-FOLDER", _D, "Tên thư mục «…» phải viết chữ thường không dấu … / tên thư mục «…» trùng với …", "Đổi tên thư mục, ví dụ `ha-giang`."),
    Code("P-UNIT-MISSING", _D, "Thư mục …/ chưa được khai báo là đơn vị … / Thư mục cha …", "Văn bản đặt trong thư mục chưa phải đơn vị; chuyển tệp vào đúng thư mục đơn vị, hoặc thêm `_unit.yml`."),
    Code("P-UNIT-TREE", _D, "không thể là đơn vị trực thuộc … / đơn vị kế thừa … / sáp nhập vào chính nó / đơn vị đã sáp nhập phải có ngày kết thúc … / thời gian tồn tại chồng lấn … / đơn vị bắt đầu sau khi …", "Sửa `level`, `valid_from`, `valid_to`, `merged_into` của `_unit.yml` cho khớp với cây đơn vị."),
    Code("P-FILE-PLACE", _D, "Tệp «…» không thuộc về đây: … / Không tìm thấy thư mục plans/ … / Thiếu tệp danh mục …", "Không đặt văn bản trực tiếp trong `plans/`; ở đó chỉ có `campaigns.yml`, `indicators.yml`, `privacy.yml`."),
    Code("P-FILE-TYPE", _D, "Loại tệp «…» không được phép trong thư mục đơn vị / Không dùng liên kết tượng trưng …", "Chỉ có tệp `.md`, ảnh `.jpg`, `.jpeg`, `.png`, `.webp` và `_unit.yml`."),
    Code("P-FILE-READ", _D, "Không đọc được tệp: …", "Tệp không mở được: kiểm tra quyền đọc của tệp."),
    Code("P-ID-DUPLICATE", _D, "mã «…» bị trùng với mục thứ …", "Mỗi chiến dịch, chỉ tiêu trong danh mục có mã riêng."),
    Code("P-IMAGE-MISSING", _D, "không tìm thấy ảnh plans/…: hãy tải ảnh lên cùng thư mục với bài", "Tải ảnh lên đúng thư mục của đơn vị, tên giống hệt trường `file`."),
    Code("P-IMAGE-BAD", _D, "không đọc được ảnh … / ảnh quá lớn … / ảnh … quá nhiều điểm ảnh …", "Ảnh hỏng, quá lớn hoặc tải lên chưa hết: xuất lại ảnh (nhỏ hơn 5 MB) rồi tải lên."),
    Code("P-PII-PHONE", _P, "Số điện thoại di động (…) không được đăng công khai …", "Xóa số đó. Nếu là số chính thức của cơ quan, người quản trị thêm vào `phones` trong `plans/privacy.yml`."),
    Code("P-PII-EMAIL", _P, "Địa chỉ thư điện tử (…) không được đăng công khai …", "Như trên, với `emails` hoặc `domains` trong `plans/privacy.yml`."),
    Code("P-PII-ID", _P, "Số căn cước công dân / chứng minh nhân dân (…) không được đăng công khai / Số … không được đăng công khai", "Xóa số giấy tờ tùy thân khỏi nội dung."),
    Code("P-MD-ID", _P, "mã neo «…» trong {: … } không được phép … / nhãn chú thích «…» ([^…]) không được phép …", "Mã neo (`{: #ten }`) và nhãn chú thích (`[^nhan]`) chỉ gồm chữ cái không dấu, chữ số, `-`, `_` (nhãn chú thích được thêm chữ có dấu và `.`): chúng thành mã trong trang và trong mục lục bên cạnh. Tiêu đề đã tự có mã neo, thường chỉ cần xóa."),
    Code("P-MD-CLASS", _P, "tên lớp «…» trong {: … } không được phép … / loại khung «…» (!!! …) không được phép … / ngôn ngữ của khối mã «…» (…) không được phép …", "Tên lớp (`{: .ten }`) và ngôn ngữ của khối mã chỉ gồm chữ cái không dấu, chữ số, `-`, `_`; khung `!!!` dùng một loại có sẵn như `note`, `tip`, `warning`."),
    Code("P-MD-LABEL", _P, "nhãn mục lục «…» (data-toc-label) không được phép … / tiêu đề khung «…» (!!! …) không được phép …", "Nhãn mục lục và tiêu đề khung chỉ gồm chữ: bỏ các ký tự `<`, `>`, dấu nháy kép, dấu huyền ngược và ngoặc nhọn."),
    Code("P-HTML", _P, "Nội dung chứa mã HTML không được phép … / Thẻ HTML <…> không được hỗ trợ … / Thuộc tính …", "Xóa đoạn mã, thẻ, thuộc tính; định dạng bằng cú pháp Markdown."),
    Code("P-LINK-SCHEME", _P, "Liên kết dùng giao thức không được phép …", "Chỉ dùng `https://`, `http://`, `mailto:`, `tel:` hoặc đường dẫn trong cổng."),
    Code("P-IMAGE-BODY", _P, "Ảnh «…» trong nội dung không được đăng …", "Ảnh chèn trong nội dung không được thu nhỏ, xóa thông tin vị trí hay kiểm tra mô tả: khai báo ảnh trong mục `images:` (có `alt`)."),
    Code("P-LINK-UNRESOLVED", _P, "Liên kết tham chiếu «…» không có địa chỉ …", "Liên kết dạng `[chữ][nhãn]` cần một dòng `[nhãn]: https://…` riêng; nếu dòng đó viết sai, chữ hiện ra nguyên dạng và liên kết mất. Có thể viết thẳng `[chữ](https://…)`."),
    Code("P-IMAGE-FOREIGN", _P, "Ảnh lấy từ trang web khác (…) …", "Tải ảnh về, đặt vào thư mục của đơn vị và khai báo trong mục `images:` của tin."),
    Code("P-OWNERS-MISSING", _O, "Thiếu tệp .github/CODEOWNERS dù đã khai báo người duyệt", "Chạy `python -m portal codeowners` rồi đưa tệp `.github/CODEOWNERS` vào pull request."),
    Code("P-OWNERS-STALE", _O, "Tệp .github/CODEOWNERS chưa khớp với người duyệt khai báo … (dòng N phải là «…»)", "Trường `maintainers` của một đơn vị đã đổi. Chạy `python -m portal codeowners`; trên trang GitHub, sửa tay đúng dòng được nêu trong thông báo."),
    Code("P-OWNERS-ACCOUNT", _O, "«…» không phải tài khoản GitHub …", "Trong `.github/portal-maintainers`, mỗi dòng một tài khoản dạng `@ten` hoặc `@to-chuc/nhom`."),
)
BY_ID: dict[str, Code] = {c.id: c for c in CODES}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(c.section for c in CODES))


@functools.lru_cache(maxsize=4096)
def classify(message: str) -> str:
    """The code of a message: the first family whose form it matches."""
    return next((c.id for c in CODES if c.pattern.search(message)), UNKNOWN)


def markdown() -> str:
    """The tables of the guide's error page, one per section, generated from CODES."""
    out: list[str] = []
    for section in SECTIONS:
        out += [f"## {section}", "", "| mã | thông báo | nghĩa và cách sửa |", "|---|---|---|"]
        out += [f"| `{c.id}` | {c.form} | {c.fix} |" for c in CODES if c.section == section]
        out.append("")
    return "\n".join(out)


BEGIN = "<!-- Các bảng dưới đây do hooks/portal/model/codes.py tạo (codes.markdown()); sửa ở đó. -->"
END = "<!-- Hết phần tạo từ mã lỗi. -->"


def page_block(page_text: str) -> str | None:
    """The generated part of the guide's error page, or None when its markers are missing."""
    if BEGIN not in page_text or END not in page_text:
        return None
    return page_text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ErrorMessages</name>
    <message>
        <source>The file could not be found. It may have been moved, renamed or deleted.</source>
        <translation>Файл не найден. Возможно, он был перемещён, переименован или удалён.</translation>
    </message>
    <message>
        <source>The file could not be read. Check your access rights and that the drive is connected.</source>
        <translation>Не удалось прочитать файл. Проверьте права доступа и подключение диска.</translation>
    </message>
    <message>
        <source>The file is empty. The scan or the copy may not have finished.</source>
        <translation>Файл пуст. Возможно, сканирование или копирование не завершилось.</translation>
    </message>
    <message>
        <source>The file is not an image. Choose a scan or a photo (JPEG, PNG, TIFF…).</source>
        <translation>Файл не является изображением. Выберите скан или фотографию (JPEG, PNG, TIFF…).</translation>
    </message>
    <message>
        <source>The image is damaged and cannot be decoded. Scan the document again.</source>
        <translation>Изображение повреждено и не может быть декодировано. Отсканируйте документ ещё раз.</translation>
    </message>
    <message>
        <source>The image file is incomplete (cut off). Scan the document or copy the file again.</source>
        <translation>Файл изображения неполный (обрезан). Отсканируйте документ или скопируйте файл ещё раз.</translation>
    </message>
    <message>
        <source>The image is too large to process safely. Scan at a lower resolution (300–600 dpi).</source>
        <translation>Изображение слишком велико для безопасной обработки. Сканируйте с меньшим разрешением (300–600 dpi).</translation>
    </message>
    <message>
        <source>This image format is not supported. Save the scan as JPEG, PNG or TIFF.</source>
        <translation>Этот формат изображения не поддерживается. Сохраните скан в формате JPEG, PNG или TIFF.</translation>
    </message>
    <message>
        <source>The text is not a machine-readable zone of a known format.</source>
        <translation>Текст не является машиночитаемой зоной известного формата.</translation>
    </message>
    <message>
        <source>A recognition model of docexam is missing or damaged. Reinstall docexam.</source>
        <translation>Модель распознавания docexam отсутствует или повреждена. Переустановите docexam.</translation>
    </message>
    <message>
        <source>The operation could not be completed.</source>
        <translation>Не удалось выполнить операцию.</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>Не удаётся открыть изображение</translation>
    </message>
    <message>
        <source>Cannot complete the action</source>
        <translation>Не удаётся выполнить действие</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Подробности: %1</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Внутренняя ошибка</translation>
    </message>
    <message>
        <source>An internal error occurred. The action was not completed, but you can continue working.</source>
        <translation>Произошла внутренняя ошибка. Действие не выполнено, но вы можете продолжать работу.</translation>
    </message>
    <message>
        <source>If it happens again, report it to IT support with the details.</source>
        <translation>Если ошибка повторится, сообщите о ней в службу ИТ-поддержки, приложив подробности.</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>No machine-readable zone was found.</source>
        <translation>Машиночитаемая зона не найдена.</translation>
    </message>
    <message>
        <source>Some characters were read with low confidence: compare them with the document.</source>
        <translation>Некоторые символы распознаны неуверенно: сверьте их с документом.</translation>
    </message>
    <message>
        <source>The MRZ is empty.</source>
        <translation>МЧЗ пуста.</translation>
    </message>
    <message>
        <source>The MRZ has a wrong number of lines.</source>
        <translation>В МЧЗ неверное число строк.</translation>
    </message>
    <message>
        <source>An MRZ line has a wrong length.</source>
        <translation>Строка МЧЗ имеет неверную длину.</translation>
    </message>
    <message>
        <source>The MRZ layout is not recognised.</source>
        <translation>Формат МЧЗ не распознан.</translation>
    </message>
    <message>
        <source>The MRZ contains invalid characters.</source>
        <translation>МЧЗ содержит недопустимые символы.</translation>
    </message>
    <message>
        <source>The document code is invalid.</source>
        <translation>Недопустимый код документа.</translation>
    </message>
    <message>
        <source>The issuing state or nationality code is not an ICAO code.</source>
        <translation>Код государства выдачи или гражданства не является кодом ИКАО.</translation>
    </message>
    <message>
        <source>The document number is missing.</source>
        <translation>Номер документа отсутствует.</translation>
    </message>
    <message>
        <source>The long document number is written incorrectly.</source>
        <translation>Длинный номер документа записан неверно.</translation>
    </message>
    <message>
        <source>A date is not a real date.</source>
        <translation>Дата указана неверно (такой даты не существует).</translation>
    </message>
    <message>
        <source>The sex code is invalid.</source>
        <translation>Недопустимый код пола.</translation>
    </message>
    <message>
        <source>The surname is missing.</source>
        <translation>Фамилия отсутствует.</translation>
    </message>
    <message>
        <source>The name contains digits.</source>
        <translation>Имя содержит цифры.</translation>
    </message>
    <message>
        <source>The check digit of the document number is wrong.</source>
        <translation>Неверная контрольная цифра номера документа.</translation>
    </message>
    <message>
        <source>The check digit of the date of birth is wrong.</source>
        <translation>Неверная контрольная цифра даты рождения.</translation>
    </message>
    <message>
        <source>The check digit of the date of expiry is wrong.</source>
        <translation>Неверная контрольная цифра срока действия.</translation>
    </message>
    <message>
        <source>The check digit of the personal number is wrong.</source>
        <translation>Неверная контрольная цифра личного номера.</translation>
    </message>
    <message>
        <source>The composite check digit is wrong.</source>
        <translation>Неверная общая контрольная цифра.</translation>
    </message>
    <message>
        <source>Lowercase letters were converted to capitals.</source>
        <translation>Строчные буквы преобразованы в заглавные.</translation>
    </message>
    <message>
        <source>The name may be truncated: compare it with the visual zone.</source>
        <translation>Имя может быть усечено: сверьте его с визуальной зоной.</translation>
    </message>
    <message>
        <source>The document has expired.</source>
        <translation>Срок действия документа истёк.</translation>
    </message>
    <message>
        <source>The date of expiry is before the date of birth: one was probably misread.</source>
        <translation>Срок действия раньше даты рождения: вероятно, одна из дат прочитана неверно.</translation>
    </message>
    <message>
        <source>UTO (Utopia) is the state of ICAO specimens, not a real state.</source>
        <translation>UTO (Утопия) — государство образцов ИКАО, а не реальное государство.</translation>
    </message>
    <message>
        <source>The check digit of the long document number also covers a filler.</source>
        <translation>Контрольная цифра длинного номера документа учитывает и символ-заполнитель.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Основная панель инструментов</translation>
    </message>
    <message>
        <source>&amp;Open image…</source>
        <translation>&amp;Открыть изображение…</translation>
    </message>
    <message>
        <source>Open a scanned document (%1)</source>
        <translation>Открыть скан документа (%1)</translation>
    </message>
    <message>
        <source>Open a &amp;sample document</source>
        <translation>Открыть &amp;образец документа</translation>
    </message>
    <message>
        <source>Generate a fictional document photo and read it (Ctrl+Shift+O)</source>
        <translation>Создать снимок вымышленного документа и прочитать его (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>О&amp;чистить</translation>
    </message>
    <message>
        <source>Clear the document for the next traveller (Esc)</source>
        <translation>Очистить экран для следующего документа (Esc)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Open a scanned document (%1) or drop an image file here.</source>
        <translation>Откройте скан документа (%1) или перетащите сюда файл изображения.</translation>
    </message>
    <message>
        <source>The translation could not be loaded; the interface stays in English.</source>
        <translation>Не удалось загрузить перевод; интерфейс остаётся на английском языке.</translation>
    </message>
    <message>
        <source>Open a scanned document</source>
        <translation>Открыть скан документа</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>Изображения (%1);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Generating a sample document…</source>
        <translation>Создаётся образец документа…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message>
        <source>The image was read but cannot be displayed.</source>
        <translation>Изображение прочитано, но не может быть показано.</translation>
    </message>
    <message>
        <source>Finished in %1 ms.</source>
        <translation>Готово за %1 мс.</translation>
    </message>
    <message>
        <source>The document could not be read.</source>
        <translation>Не удалось прочитать документ.</translation>
    </message>
</context>
<context>
    <name>MrzPanel</name>
    <message>
        <source>Machine-readable zone</source>
        <translation>Машиночитаемая зона</translation>
    </message>
    <message>
        <source>Document data</source>
        <translation>Данные документа</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <source>Surname:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <source>Given names:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Document number:</source>
        <translation>Номер документа:</translation>
    </message>
    <message>
        <source>Nationality:</source>
        <translation>Гражданство:</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>Дата рождения:</translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation>Пол:</translation>
    </message>
    <message>
        <source>Date of expiry:</source>
        <translation>Действителен до:</translation>
    </message>
    <message>
        <source>Issuing state:</source>
        <translation>Государство выдачи:</translation>
    </message>
    <message>
        <source>Document code:</source>
        <translation>Код документа:</translation>
    </message>
    <message>
        <source>Optional data:</source>
        <translation>Дополнительные данные:</translation>
    </message>
    <message>
        <source>Optional data (line 2):</source>
        <translation>Дополнительные данные (строка 2):</translation>
    </message>
    <message>
        <source>Personal number:</source>
        <translation>Личный номер:</translation>
    </message>
    <message>
        <source>Document number check digit</source>
        <translation>Контрольная цифра номера документа</translation>
    </message>
    <message>
        <source>Date of birth check digit</source>
        <translation>Контрольная цифра даты рождения</translation>
    </message>
    <message>
        <source>Date of expiry check digit</source>
        <translation>Контрольная цифра срока действия</translation>
    </message>
    <message>
        <source>Personal number check digit</source>
        <translation>Контрольная цифра личного номера</translation>
    </message>
    <message>
        <source>Composite check digit</source>
        <translation>Общая контрольная цифра</translation>
    </message>
    <message>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <source>unspecified</source>
        <translation>не указан</translation>
    </message>
    <message>
        <source>No document</source>
        <translation>Нет документа</translation>
    </message>
    <message>
        <source>No MRZ found</source>
        <translation>МЧЗ не найдена</translation>
    </message>
    <message>
        <source>MRZ valid</source>
        <translation>МЧЗ корректна</translation>
    </message>
    <message>
        <source>MRZ invalid</source>
        <translation>МЧЗ некорректна</translation>
    </message>
    <message>
        <source>Check that the whole MRZ is in the picture, sharp, upright and free of glare.</source>
        <translation>Проверьте, что МЧЗ целиком попала в кадр, резкая, не перевёрнута и без бликов.</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Формат: %1</translation>
    </message>
    <message>
        <source>Confidence: %1 %</source>
        <translation>Достоверность: %1 %</translation>
    </message>
</context>
</TS>
